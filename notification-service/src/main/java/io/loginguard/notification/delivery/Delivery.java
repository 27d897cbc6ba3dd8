package io.loginguard.notification.delivery;

import io.loginguard.events.NotificationRequested.Channel;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message claimed for sending. {@code interrupted}: it was already SENDING when its lease ran out, so an earlier
 * send may or may not have reached the provider; {@code messageId} is fixed per request, so that send and this one
 * carry the same id.
 */
public record Delivery(UUID requestId, Source source, String accountId, Channel channel, String destination,
                       String template, String locale, Map<String, String> params, String sealedParams,
                       Instant expiresAt, boolean alert, int attempts, Instant occurredAt, boolean interrupted) {

    public String describe() {
        return channel + " " + template + " (request " + requestId + ", attempt " + (attempts + 1) + ")";
    }
}
