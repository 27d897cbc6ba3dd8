package io.loginguard.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.kit.db.Transactions;
import io.loginguard.kit.outbox.HeaderCodec;
import io.loginguard.kit.outbox.SourceRecord;
import io.loginguard.notification.contact.Contact;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The deliveries table: the processed ids, each message's state, and the queue the dispatcher claims from. */
@ApplicationScoped
public class DeliveryStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 22 parameters a row: well under PostgreSQL's 65,535 per statement. */
    private static final int MAX_ROWS_PER_INSERT = 1000;

    private final Transactions tx;

    public DeliveryStore(Transactions tx) {
        this.tx = tx;
    }

    /** Records a message in the caller's transaction; false when its id was recorded before (a redelivery, a replay). */
    public boolean insert(Connection c, NewDelivery d, Status status, Instant now) throws SQLException {
        return !insertAll(c, List.of(d), status, now).isEmpty();
    }

    /**
     * Records messages in one statement (one round trip, however many): the ids of those recorded now; an id recorded
     * before (a redelivery, a replay) is left as it was and not returned. Outside a transaction the statement is its
     * own: every row commits, or none does.
     */
    public Set<UUID> insertAll(Connection c, List<NewDelivery> all, Status status, Instant now) throws SQLException {
        Set<UUID> inserted = new HashSet<>();
        for (int from = 0; from < all.size(); from += MAX_ROWS_PER_INSERT) {
            List<NewDelivery> chunk = all.subList(from, Math.min(all.size(), from + MAX_ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO deliveries (request_id, source, account_id, channel, destination, template, locale, params,
                        sealed_params, expires_at, alert, status, next_attempt_at, source_topic, source_partition,
                        source_offset, record_key, payload, source_headers, occurred_at, created_at, updated_at, traceparent)
                    VALUES """);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ")
                        .append("(?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)");
            }
            sql.append(" ON CONFLICT (request_id) DO NOTHING RETURNING request_id");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 0;
                for (NewDelivery d : chunk) {
                    SourceRecord r = d.record();
                    ps.setObject(++p, d.requestId());
                    ps.setString(++p, d.source().name());
                    ps.setString(++p, d.accountId());
                    ps.setString(++p, d.channel().name());
                    ps.setString(++p, d.destination());
                    ps.setString(++p, d.template());
                    ps.setString(++p, d.locale());
                    ps.setString(++p, json(d.params()));
                    ps.setString(++p, d.sealedParams());
                    ps.setTimestamp(++p, d.expiresAt() == null ? null : Timestamp.from(d.expiresAt()));
                    ps.setBoolean(++p, d.alert());
                    ps.setString(++p, status.name());
                    ps.setTimestamp(++p, Timestamp.from(now));
                    ps.setString(++p, r == null ? null : r.topic());
                    setNullable(ps, ++p, r == null ? null : r.partition(), Types.INTEGER);
                    setNullable(ps, ++p, r == null ? null : r.offset(), Types.BIGINT);
                    ps.setString(++p, r == null ? null : r.key());
                    ps.setBytes(++p, r == null ? null : r.value());
                    ps.setString(++p, r == null ? null : HeaderCodec.toJson(r.headers()));
                    ps.setTimestamp(++p, Timestamp.from(d.occurredAt()));
                    ps.setTimestamp(++p, Timestamp.from(now));
                    ps.setTimestamp(++p, Timestamp.from(now));
                    ps.setString(++p, r == null ? null : r.traceparent());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getObject(1, UUID.class));
                    }
                }
            }
        }
        return inserted;
    }

    /**
     * Claims up to {@code max} due messages for this node: PENDING ones whose time has come, and SENDING ones whose
     * lease ran out (their sender died). Other nodes skip the locked rows, so no message is claimed twice. One
     * statement (its own transaction, one round trip) that also reads each account's contact details.
     */
    public List<Delivery> claimDue(int max, Instant now, Duration lease) {
        if (max <= 0) {
            return List.of();
        }
        return tx.single(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE deliveries d SET status = 'SENDING', next_attempt_at = ?, lease_until = ?, updated_at = ?
                    FROM (SELECT request_id, account_id, status = 'SENDING' AND handed_over_at IS NOT NULL AS interrupted
                          FROM deliveries
                          WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= ?
                          ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due
                        LEFT JOIN contacts ct ON ct.account_id = due.account_id
                    WHERE d.request_id = due.request_id
                    RETURNING d.request_id, d.source, d.account_id, d.channel, d.destination, d.template, d.locale,
                        d.params::text, d.sealed_params, d.expires_at, d.alert, d.attempts, d.occurred_at, due.interrupted,
                        ct.account_id IS NOT NULL, ct.email, ct.phone, ct.locale, ct.anti_phishing_code, ct.version, d.traceparent""")) {
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
        tx.single(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE deliveries SET handed_over_at = ? WHERE request_id = ? AND status = 'SENDING'")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setObject(2, requestId);
                return ps.executeUpdate();
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
                rs.getInt(12), rs.getTimestamp(13).toInstant(), rs.getBoolean(14),
                rs.getBoolean(15) ? new Contact(rs.getString(3), rs.getString(16), rs.getString(17), rs.getString(18),
                        rs.getString(19), rs.getLong(20)) : null, rs.getString(21));
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
