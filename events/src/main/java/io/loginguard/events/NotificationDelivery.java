package io.loginguard.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.UUID;

/** The outcome of one notification request. Topic {@code notification.deliveries}. */
public record NotificationDelivery(
        UUID eventId,
        Instant occurredAt,
        String accountId,
        UUID requestId,
        NotificationRequested.Channel channel,
        Status status,
        int attempts,
        String providerMessageId,
        String error) implements Event {

    public NotificationDelivery {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(accountId, "accountId");
        Require.present(requestId, "requestId");
        Require.present(channel, "channel");
        Require.present(status, "status");
    }

    @Override
    public String key() {
        return accountId;
    }

    public enum Status { DELIVERED, FAILED, @JsonEnumDefaultValue UNKNOWN }
}
