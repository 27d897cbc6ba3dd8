package io.loginguard.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message to send. Topic {@code notification.requests}. {@code requestId} is the idempotency key:
 * notification sends at most one message per request id, however often the request is delivered.
 *
 * @param sealedParams codes and links, sealed with AES-GCM; never in clear text on a topic
 */
public record NotificationRequested(
        UUID eventId,
        Instant occurredAt,
        String accountId,
        UUID requestId,
        Channel channel,
        String destination,
        String template,
        String locale,
        Map<String, String> params,
        String sealedParams,
        Instant expiresAt) implements Event {

    public NotificationRequested {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(accountId, "accountId");
        Require.present(requestId, "requestId");
        Require.present(channel, "channel");
        Require.text(template, "template");
        params = Canonical.map(params);
    }

    @Override
    public String key() {
        return accountId;
    }

    public enum Channel { EMAIL, SMS, @JsonEnumDefaultValue UNKNOWN }
}
