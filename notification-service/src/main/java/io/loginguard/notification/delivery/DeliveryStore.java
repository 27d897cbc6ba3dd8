package io.loginguard.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.notification.db.Transactions;
import io.loginguard.notification.outbox.HeaderCodec;
import io.loginguard.notification.outbox.SourceRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The deliveries table: the processed ids, each message's state, and the queue the dispatcher claims from. */
@ApplicationScoped
public class DeliveryStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions tx;

    public DeliveryStore(Transactions tx) {
        this.tx = tx;
    }

    /** Records a message in the caller's transaction; false when its id was recorded before (a redelivery, a replay). */
    public boolean insert(Connection c, NewDelivery d, Status status, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO deliveries (request_id, source, account_id, channel, destination, template, locale, params,
                    sealed_params, expires_at, alert, status, next_attempt_at, source_topic, source_partition,
                    source_offset, record_key, payload, source_headers, occurred_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (request_id) DO NOTHING""")) {
            SourceRecord r = d.record();
            ps.setObject(1, d.requestId());
            ps.setString(2, d.source().name());
            ps.setString(3, d.accountId());
            ps.setString(4, d.channel().name());
            ps.setString(5, d.destination());
            ps.setString(6, d.template());
            ps.setString(7, d.locale());
            ps.setString(8, json(d.params()));
            ps.setString(9, d.sealedParams());
            ps.setTimestamp(10, d.expiresAt() == null ? null : Timestamp.from(d.expiresAt()));
            ps.setBoolean(11, d.alert());
            ps.setString(12, status.name());
            ps.setTimestamp(13, Timestamp.from(now));
            ps.setString(14, r == null ? null : r.topic());
            setNullable(ps, 15, r == null ? null : r.partition(), Types.INTEGER);
            setNullable(ps, 16, r == null ? null : r.offset(), Types.BIGINT);
            ps.setString(17, r == null ? null : r.key());
            ps.setBytes(18, r == null ? null : r.value());
            ps.setString(19, r == null ? null : HeaderCodec.toJson(r.headers()));
            ps.setTimestamp(20, Timestamp.from(d.occurredAt()));
            ps.setTimestamp(21, Timestamp.from(now));
            ps.setTimestamp(22, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Claims up to {@code max} due messages for this node: PENDING ones whose time has come, and SENDING ones whose
     * lease ran out (their sender died). Other nodes skip the locked rows, so no message is claimed twice.
     */
    public List<Delivery> claimDue(int max, Instant now, Duration lease) {
        if (max <= 0) {
            return List.of();
        }
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE deliveries d SET status = 'SENDING', next_attempt_at = ?, lease_until = ?, updated_at = ?
                    FROM (SELECT request_id, status = 'SENDING' AND handed_over_at IS NOT NULL AS interrupted FROM deliveries
                          WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= ?
                          ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due
                    WHERE d.request_id = due.request_id
                    RETURNING d.request_id, d.source, d.account_id, d.channel, d.destination, d.template, d.locale,
                        d.params::text, d.sealed_params, d.expires_at, d.alert, d.attempts, d.occurred_at, due.interrupted""")) {
                Timestamp leaseEnd = Timestamp.from(now.plus(lease));
                ps.setTimestamp(1, leaseEnd);
                ps.setTimestamp(2, leaseEnd);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setInt(5, max);
                List<Delivery> claimed = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(read(rs));
                    }
                }
                return claimed;
            }
        });
    }

    /** The Kafka record a message came in, for the dead-letter queue. */
    public Optional<SourceRecord> sourceRecord(Connection c, UUID requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT source_topic, source_partition, source_offset, record_key, payload, source_headers::text
                FROM deliveries WHERE request_id = ? AND source_topic IS NOT NULL""")) {
            ps.setObject(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SourceRecord(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                        rs.getBytes(5), HeaderCodec.fromJson(rs.getString(6))));
            }
        }
    }

    /** Marks the moment a message is handed to its provider: a crash after it leaves the outcome unknown. */
    public void handingOver(UUID requestId, Instant now) {
        tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE deliveries SET handed_over_at = ? WHERE request_id = ? AND status = 'SENDING'")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setObject(2, requestId);
                ps.executeUpdate();
            }
        });
    }

    /** How many sends of a message were tried (0 if unknown). */
    public int attempts(UUID requestId) {
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT attempts FROM deliveries WHERE request_id = ?")) {
                ps.setObject(1, requestId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    public Optional<Status> status(UUID requestId) {
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM deliveries WHERE request_id = ?")) {
                ps.setObject(1, requestId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Status.valueOf(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** A line of the delivery log. */
    public static void log(Connection c, UUID requestId, int attempt, String outcome, String detail, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO delivery_attempts (request_id, attempt, outcome, detail, at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, requestId);
            ps.setInt(2, attempt);
            ps.setString(3, outcome);
            ps.setString(4, detail);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.executeUpdate();
        }
    }

    private static Delivery read(ResultSet rs) throws SQLException {
        Timestamp expires = rs.getTimestamp(10);
        return new Delivery(rs.getObject(1, UUID.class), Source.valueOf(rs.getString(2)), rs.getString(3),
                Channel.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                map(rs.getString(8)), rs.getString(9), expires == null ? null : expires.toInstant(), rs.getBoolean(11),
                rs.getInt(12), rs.getTimestamp(13).toInstant(), rs.getBoolean(14));
    }

    static String json(Map<String, String> params) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(params));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> map(String json) {
        try {
            return Map.copyOf(JSON.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored params are not readable: " + e.getMessage(), e);
        }
    }

    private static void setNullable(PreparedStatement ps, int index, Object value, int type) throws SQLException {
        if (value == null) {
            ps.setNull(index, type);
        } else {
            ps.setObject(index, value);
        }
    }
}
