package io.loginguard.notification.delivery;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.notification.contact.Contact;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message claimed for sending. {@code interrupted}: it was already SENDING when its lease ran out, so an earlier
 * send may or may not have reached the provider; {@code messageId} is fixed per request, so that send and this one
 * carry the same id. {@code contact}: the account's contact details as they were when the message was claimed (read in
 * the claiming statement, so a send needs no query of its own for them); null when the projection has none (yet).
 * {@code traceparent}: the W3C traceparent of the record the message came in (its send continues that trace), or null.
 */
public record Delivery(UUID requestId, Source source, String accountId, Channel channel, String destination,
                       String template, String locale, Map<String, String> params, String sealedParams,
                       Instant expiresAt, boolean alert, int attempts, Instant occurredAt, boolean interrupted,
                       Contact contact, String traceparent) {

    public String describe() {
        return channel + " " + template + " (request " + requestId + ", attempt " + (attempts + 1) + ")";
    }
}
