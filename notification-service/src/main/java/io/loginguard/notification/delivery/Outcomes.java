package io.loginguard.notification.delivery;

import io.loginguard.events.NotificationDelivery;
import io.loginguard.kit.db.Transactions;
import io.loginguard.notification.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * <p>
 * Without a dead letter the transaction is ONE statement: the row's update and, through data-modifying CTEs that
 * read what it updated, the log line and the outbox row; PostgreSQL commits the statement as a whole (one round trip
 * instead of four). A dead letter needs the stored record, and goes the way of several statements in a transaction.
 */
@ApplicationScoped
public class Outcomes {
    private static final Logger LOG = Logger.getLogger(Outcomes.class);

    private final Transactions tx;
    private final DeliveryStore store;
    private final Outbox outbox;
    private final Clock clock;
    private final DeliveryMetrics metrics;

    public Outcomes(Transactions tx, DeliveryStore store, Outbox outbox, Clock clock, DeliveryMetrics metrics) {
        this.tx = tx;
        this.metrics = metrics;
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
        updateAndLog(d, Status.FOLDED.name(), 0, sentTo, null, null, "folded into the next digest", null, "FOLDED", null, null);
    }

    /** Not sent this time; tried again at {@code next}. {@code attempted}: a send was tried and counts toward the limit. */
    public void retryLater(Delivery d, String error, Instant next, boolean attempted) {
        updateAndLog(d, Status.PENDING.name(), attempted ? 1 : 0, null, null, null, error, next, attempted ? "RETRY" : "WAIT", error, null);
    }

    private void finish(Delivery d, Status status, boolean attempted, String sentTo, String messageId,
                        String providerMessageId, String error, boolean deadLetter) {
        Instant now = clock.instant();
        int attempts = d.attempts() + (attempted ? 1 : 0);
        NotificationDelivery.Status published = status == Status.DELIVERED
                ? NotificationDelivery.Status.DELIVERED : NotificationDelivery.Status.FAILED;
        NotificationDelivery event = new NotificationDelivery(outcomeEventId(d.requestId()), now, d.accountId(), d.requestId(),
                d.channel(), published, attempts, providerMessageId, error);
        if (!deadLetter) {
            if (updateAndLog(d, status.name(), attempted ? 1 : 0, sentTo, messageId, providerMessageId, error, null,
                    status.name(), error, outbox.deliveryRow(event))) {
                metrics.finished(d.channel(), status);
            }
            return;
        }
        String[] deadLettered = new String[1]; // the source topic, once committed
        boolean[] recorded = new boolean[1];
        tx.run(c -> {
            deadLettered[0] = null;
            recorded[0] = update(c, d, status, attempted, sentTo, messageId, providerMessageId, error, now);
            if (!recorded[0]) {
                LOG.warnf("%s: outcome %s not recorded, another node recorded one first", d.describe(), status);
                return;
            }
            log(c, d, status.name(), error);
            outbox.delivery(c, event);
            var record = store.sourceRecord(c, d.requestId());
            if (record.isPresent()) {
                outbox.deadLetter(c, record.get(), new DeliveryFailedException(error));
                deadLettered[0] = record.get().topic();
            }
        });
        if (recorded[0]) {
            metrics.finished(d.channel(), status);
        }
        if (deadLettered[0] != null) {
            metrics.deadLettered(deadLettered[0]);
        }
    }

    /**
     * One statement, so one commit: the row (if still SENDING) gets its new status, the delivery log its line, and the
     * outbox its row (when {@code publish} is given), or nothing at all. {@code next}: when PENDING again, the next
     * attempt's time (the lease and the hand-over mark are cleared); null for a final or FOLDED status.
     */
    private boolean updateAndLog(Delivery d, String status, int attemptsAdded, String sentTo, String messageId,
                              String providerMessageId, String error, Instant next, String logOutcome, String logDetail,
                              Outbox.Row publish) {
        Instant now = clock.instant();
        String sql = """
                WITH upd AS (
                    UPDATE deliveries SET status = ?, attempts = attempts + ?, lease_until = NULL,
                        next_attempt_at = COALESCE(?::timestamptz, next_attempt_at),
                        handed_over_at = CASE WHEN ?::timestamptz IS NULL THEN handed_over_at END,
                        sent_to = COALESCE(?, sent_to), message_id = COALESCE(?, message_id),
                        provider_message_id = COALESCE(?, provider_message_id), last_error = ?, updated_at = ?
                    WHERE request_id = ? AND status = 'SENDING'
                    RETURNING request_id),
                logged AS (
                    INSERT INTO delivery_attempts (request_id, attempt, outcome, detail, at)
                    SELECT request_id, ?::int, ?::text, ?::text, ?::timestamptz FROM upd)
                """ + (publish == null ? "" : """
                , published AS (
                    INSERT INTO outbox (topic, record_key, value, headers, created_at)
                    SELECT ?::text, ?::text, ?::bytea, ?::jsonb, ?::timestamptz FROM upd)
                """) + "SELECT count(*) FROM upd";
        boolean updated = tx.single(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = 0;
                Timestamp nextAt = next == null ? null : Timestamp.from(next);
                ps.setString(++p, status);
                ps.setInt(++p, attemptsAdded);
                ps.setTimestamp(++p, nextAt);
                ps.setTimestamp(++p, nextAt);
                ps.setString(++p, sentTo);
                ps.setString(++p, messageId);
                ps.setString(++p, providerMessageId);
                ps.setString(++p, error);
                ps.setTimestamp(++p, Timestamp.from(now));
                ps.setObject(++p, d.requestId());
                ps.setInt(++p, d.attempts() + 1);
                ps.setString(++p, logOutcome);
                ps.setString(++p, logDetail);
                ps.setTimestamp(++p, Timestamp.from(now));
                if (publish != null) {
                    ps.setString(++p, publish.topic());
                    ps.setString(++p, publish.key());
                    ps.setBytes(++p, publish.value());
                    ps.setString(++p, publish.headersJson());
                    ps.setTimestamp(++p, Timestamp.from(publish.createdAt()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getLong(1) == 1;
                }
            }
        });
        if (!updated) {
            LOG.warnf("%s: outcome %s not recorded, another node recorded one first", d.describe(), status);
        } else if (publish != null) {
            outbox.written();
        }
        return updated;
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
