package io.loginguard.notification.outbox;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.DeadLetterHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationDelivery;
import io.loginguard.events.Topics;
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
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, event);
        insert(c, Topics.NOTIFICATION_DELIVERIES, event.key(), EventJson.toBytes(event), headers);
    }

    /** The record as it came, with SmallRye's dead-letter headers naming why and from where. */
    public void deadLetter(Connection c, SourceRecord record, Throwable reason) throws SQLException {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(h -> headers.add(h.name(), h.value()));
        DeadLetterHeaders.write(headers, reason, record.topic(), record.partition(), record.offset(), CONSUMER);
        insert(c, Topics.NOTIFICATION_DLQ, record.key(), record.value(), headers);
    }

    private void insert(Connection c, String topic, String key, byte[] value, RecordHeaders headers) throws SQLException {
        List<SourceRecord.RecordHeader> list = new ArrayList<>();
        for (Header h : headers) {
            list.add(new SourceRecord.RecordHeader(h.key(), h.value()));
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (topic, record_key, value, headers, created_at) VALUES (?, ?, ?, ?::jsonb, ?)")) {
            ps.setString(1, topic);
            ps.setString(2, key);
            ps.setBytes(3, value);
            ps.setString(4, HeaderCodec.toJson(list));
            ps.setTimestamp(5, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
        relay.wakeUp();
    }
}
