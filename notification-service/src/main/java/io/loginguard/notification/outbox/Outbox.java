package io.loginguard.notification.outbox;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.DeadLetterHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationDelivery;
import io.loginguard.events.Topics;
import io.loginguard.kit.outbox.HeaderCodec;
import io.loginguard.kit.outbox.SourceRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes what notification publishes into the outbox, in the caller's transaction: an outcome is published if and
 * only if it was recorded, and a record is dead-lettered once however often it is redelivered.
 */
@ApplicationScoped
public class Outbox {
    public static final String CONSUMER = "notification-service";

    private final Clock clock;
    private final OutboxRelay relay;

    public Outbox(Clock clock, OutboxRelay relay) {
        this.clock = clock;
        this.relay = relay;
    }

    public void delivery(Connection c, NotificationDelivery event) throws SQLException {
        insert(c, deliveryRow(event));
    }

    /**
     * The outbox row of an outcome, for a caller that writes it inside a statement of its own (a data-modifying CTE
     * that commits it with the change it tells); call {@link #written()} once that statement has run.
     */
    public Row deliveryRow(NotificationDelivery event) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, event);
        return row(Topics.NOTIFICATION_DELIVERIES, event.key(), EventJson.toBytes(event), headers);
    }

    /** The record as it came, with SmallRye's dead-letter headers naming why and from where. */
    public void deadLetter(Connection c, SourceRecord record, Throwable reason) throws SQLException {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(h -> headers.add(h.name(), h.value()));
        DeadLetterHeaders.write(headers, reason, record.topic(), record.partition(), record.offset(), CONSUMER);
        insert(c, row(Topics.NOTIFICATION_DLQ, record.key(), record.value(), headers));
    }

    /** Rows were written by the caller's own statement: relay them now rather than at the next poll. */
    public void written() {
        relay.wakeUp();
    }

    private Row row(String topic, String key, byte[] value, RecordHeaders headers) {
        List<SourceRecord.RecordHeader> list = new ArrayList<>();
        for (Header h : headers) {
            list.add(new SourceRecord.RecordHeader(h.key(), h.value()));
        }
        return new Row(topic, key, value, HeaderCodec.toJson(list), clock.instant());
    }

    private void insert(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (topic, record_key, value, headers, created_at) VALUES (?, ?, ?, ?::jsonb, ?)")) {
            ps.setString(1, row.topic());
            ps.setString(2, row.key());
            ps.setBytes(3, row.value());
            ps.setString(4, row.headersJson());
            ps.setTimestamp(5, Timestamp.from(row.createdAt()));
            ps.executeUpdate();
        }
        relay.wakeUp();
    }

    /** One record to publish, as the outbox table holds it. */
    public record Row(String topic, String key, byte[] value, String headersJson, java.time.Instant createdAt) {
    }
}
