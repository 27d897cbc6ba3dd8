package io.loginguard.auth.outbox;

import io.loginguard.auth.db.Sql;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event waiting to be relayed to Kafka (table {@code outbox}), written in the transaction of the change it tells about. */
public class OutboxRecord {
    /** Given by the table (BIGSERIAL) at insert; read back only by the relay. */
    public Long id;
    public UUID eventId;
    public String topic;
    public String recordKey;
    public String ceType;
    public byte[] payload;
    public Instant createdAt;
    /** The W3C traceparent of the request that wrote the row, sent as the record's header; null when untraced. */
    public String traceparent;

    /** The oldest rows, in the order they were written. */
    public static List<OutboxRecord> oldest(int max) {
        return Sql.list("SELECT id, event_id, topic, record_key, ce_type, payload, created_at, traceparent FROM outbox "
                + "ORDER BY id LIMIT ?", rs -> {
                    OutboxRecord r = new OutboxRecord();
                    r.id = rs.getLong("id");
                    r.eventId = Sql.uuid(rs, "event_id");
                    r.topic = rs.getString("topic");
                    r.recordKey = rs.getString("record_key");
                    r.ceType = rs.getString("ce_type");
                    r.payload = rs.getBytes("payload");
                    r.createdAt = Sql.instant(rs, "created_at");
                    r.traceparent = rs.getString("traceparent");
                    return r;
                }, max);
    }

    /** Removes the rows by id (never by range: a row whose transaction commits late may hold an id inside one). */
    public static int deleteAll(Long[] ids) {
        return Sql.update("DELETE FROM outbox WHERE id = ANY (?)", (Object) ids);
    }

    public void insert() {
        Sql.insert("INSERT INTO outbox (event_id, topic, record_key, ce_type, payload, created_at, traceparent) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", eventId, topic, recordKey, ceType, payload, createdAt, traceparent);
    }
}
