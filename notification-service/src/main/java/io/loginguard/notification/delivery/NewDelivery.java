package io.loginguard.notification.delivery;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.kit.outbox.SourceRecord;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message to record: from a request (its request id), or an alert (the id of the decision or security event).
 * {@code record} is the Kafka record it came in, kept for the dead-letter queue; null for a digest.
 */
public record NewDelivery(UUID requestId, Source source, String accountId, Channel channel, String destination,
                          String template, String locale, Map<String, String> params, String sealedParams,
                          Instant expiresAt, boolean alert, Instant occurredAt, SourceRecord record) {

    public NewDelivery {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
