package io.loginguard.kit.outbox;

import io.loginguard.kit.db.Transactions;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One relay batch of a service's table {@code outbox} ({@code id, topic, record_key, value, headers jsonb}, and with
 * {@code traceparentColumn} a {@code traceparent} of the span that wrote the row). In one transaction: takes a
 * transaction-scoped advisory lock (one relay at a time across a service's nodes, so records leave in the order they
 * were written), reads the oldest rows, sends them and waits for every acknowledgement, deletes them by id. A crash
 * between the send and the commit sends the batch again: at least once, and readers dedupe by event id.
 */
public final class JdbcOutbox {
    private static final String TRACEPARENT = "traceparent";

    private final Transactions tx;
    private final long lockId;
    private final int batchSize;
    private final boolean traceparentColumn;

    public JdbcOutbox(Transactions tx, long lockId, int batchSize, boolean traceparentColumn) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.lockId = lockId;
        this.batchSize = batchSize;
        this.traceparentColumn = traceparentColumn;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Relays one batch through {@code producer}; returns how many rows it sent (0 when another node relays). */
    public int relayBatch(OutboxProducer producer) {
        return tx.call(c -> {
            if (!tryLock(c)) {
                return 0;
            }
            List<Row> batch = read(c);
            if (batch.isEmpty()) {
                return 0;
            }
            producer.sendAll(batch.stream().map(JdbcOutbox::record).toList());
            // by id, never by range: a row whose transaction commits late may hold an id inside the range
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("bigint", batch.stream().map(Row::id).toArray()));
                ps.executeUpdate();
            }
            return batch.size();
        });
    }

    private boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, lockId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private List<Row> read(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        String columns = "id, topic, record_key, value, headers::text" + (traceparentColumn ? ", traceparent" : "");
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + columns + " FROM outbox ORDER BY id LIMIT " + batchSize);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5),
                        traceparentColumn ? rs.getString(6) : null));
            }
        }
        return rows;
    }

    /** A row's traceparent goes on as the record's header; a dead letter keeps the record's own header. */
    private static ProducerRecord<String, byte[]> record(Row r) {
        RecordHeaders headers = new RecordHeaders();
        HeaderCodec.fromJson(r.headers()).forEach(h -> headers.add(h.name(), h.value()));
        if (r.traceparent() != null && headers.lastHeader(TRACEPARENT) == null) {
            headers.add(TRACEPARENT, r.traceparent().getBytes(StandardCharsets.US_ASCII));
        }
        return new ProducerRecord<>(r.topic(), null, r.key(), r.value(), headers);
    }

    private record Row(long id, String topic, String key, byte[] value, String headers, String traceparent) {
    }
}
