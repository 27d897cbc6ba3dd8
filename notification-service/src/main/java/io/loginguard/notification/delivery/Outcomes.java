package io.loginguard.notification.delivery;

import io.loginguard.events.NotificationDelivery;
import io.loginguard.notification.db.Transactions;
import io.loginguard.notification.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Records what became of a claimed message: its row, a line in the delivery log and, for a final outcome, the
 * {@code NotificationDelivery} (and a dead letter) in the outbox, all in one transaction. Each update requires the
 * row to be still SENDING, so a node whose lease ran out cannot overwrite the outcome another node recorded.
 */
@ApplicationScoped
public class Outcomes {
    private static final Logger LOG = Logger.getLogger(Outcomes.class);

    private final Transactions tx;
    private final DeliveryStore store;
    private final Outbox outbox;
    private final Clock clock;

    public Outcomes(Transactions tx, DeliveryStore store, Outbox outbox, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    public void delivered(Delivery d, String sentTo, String messageId, String providerMessageId) {
        finish(d, Status.DELIVERED, true, sentTo, messageId, providerMessageId, null, false);
    }

    /** Permanently failed; {@code deadLetter}: the record it came in goes to notification.dlq too. */
    public void failed(Delivery d, String sentTo, String error, boolean attempted, boolean deadLetter) {
        finish(d, Status.FAILED, attempted, sentTo, null, null, error, deadLetter);
    }

    public void expired(Delivery d, String why) {
        finish(d, Status.EXPIRED, false, null, null, null, why, false);
    }

    public void rateLimited(Delivery d, String sentTo) {
        finish(d, Status.RATE_LIMITED, false, sentTo, null, null, "rate_limited: the destination's limit is reached", false);
    }

    /** An alert over the limit: kept for the digest, published when the digest goes. */
    public void folded(Delivery d, String sentTo) {
        tx.run(c -> {
            if (update(c, d, Status.FOLDED, false, sentTo, null, null, "folded into the next digest", clock.instant())) {
                log(c, d, "FOLDED", null);
            }
        });
    }

    /** Not sent this time; tried again at {@code next}. {@code attempted}: a send was tried and counts toward the limit. */
    public void retryLater(Delivery d, String error, Instant next, boolean attempted) {
        tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE deliveries SET status = 'PENDING', next_attempt_at = ?, lease_until = NULL, handed_over_at = NULL,
                        attempts = attempts + ?, last_error = ?, updated_at = ?
                    WHERE request_id = ? AND status = 'SENDING'""")) {
                ps.setTimestamp(1, Timestamp.from(next));
                ps.setInt(2, attempted ? 1 : 0);
                ps.setString(3, error);
                ps.setTimestamp(4, Timestamp.from(clock.instant()));
                ps.setObject(5, d.requestId());
                if (ps.executeUpdate() == 1) {
                    log(c, d, attempted ? "RETRY" : "WAIT", error);
                }
            }
        });
    }

    private void finish(Delivery d, Status status, boolean attempted, String sentTo, String messageId,
                        String providerMessageId, String error, boolean deadLetter) {
        tx.run(c -> {
            Instant now = clock.instant();
            if (!update(c, d, status, attempted, sentTo, messageId, providerMessageId, error, now)) {
                LOG.warnf("%s: outcome %s not recorded, another node recorded one first", d.describe(), status);
                return;
            }
            log(c, d, status.name(), error);
            int attempts = d.attempts() + (attempted ? 1 : 0);
            NotificationDelivery.Status published = status == Status.DELIVERED
                    ? NotificationDelivery.Status.DELIVERED : NotificationDelivery.Status.FAILED;
            outbox.delivery(c, new NotificationDelivery(outcomeEventId(d.requestId()), now, d.accountId(), d.requestId(),
                    d.channel(), published, attempts, providerMessageId, error));
            if (deadLetter) {
                var record = store.sourceRecord(c, d.requestId());
                if (record.isPresent()) {
                    outbox.deadLetter(c, record.get(), new DeliveryFailedException(error));
                }
            }
        });
    }

    private static boolean update(Connection c, Delivery d, Status status, boolean attempted, String sentTo, String messageId,
                                  String providerMessageId, String error, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE deliveries SET status = ?, attempts = attempts + ?, lease_until = NULL,
                    sent_to = COALESCE(?, sent_to), message_id = COALESCE(?, message_id),
                    provider_message_id = ?, last_error = ?, updated_at = ?
                WHERE request_id = ? AND status = 'SENDING'""")) {
            ps.setString(1, status.name());
            ps.setInt(2, attempted ? 1 : 0);
            ps.setString(3, sentTo);
            ps.setString(4, messageId);
            ps.setString(5, providerMessageId);
            ps.setString(6, error);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setObject(8, d.requestId());
            return ps.executeUpdate() == 1;
        }
    }

    private void log(Connection c, Delivery d, String outcome, String detail) throws SQLException {
        DeliveryStore.log(c, d.requestId(), d.attempts() + 1, outcome, detail, clock.instant());
    }

    /** One outcome per request, so its event id derives from the request id: a re-published outcome dedupes. */
    public static UUID outcomeEventId(UUID requestId) {
        return UUID.nameUUIDFromBytes(("notification-outcome:" + requestId).getBytes(StandardCharsets.UTF_8));
    }

    /** Why a message was given up, as the dead-letter reason. */
    public static final class DeliveryFailedException extends RuntimeException {
        public DeliveryFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
