package io.loginguard.ticket.outbox;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.DeadLetterHeaders;
import io.loginguard.events.Event;
import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.TicketEvent;
import io.loginguard.events.Topics;
import io.loginguard.events.TraceContext;
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
 * Writes what ticket-service publishes into the outbox, in the caller's transaction: a case change is published if
 * and only if it was committed, and only once (the relay deletes what the broker acknowledged). Each row keeps the
 * traceparent of the span that wrote it (the case's request), which the relay sends as the record's header.
 */
@ApplicationScoped
public class Outbox {
    public static final String CONSUMER = "ticket-service";

    private final Clock clock;
    private final OutboxRelay relay;

    public Outbox(Clock clock, OutboxRelay relay) {
        this.clock = clock;
        this.relay = relay;
    }

    public void ticketEvent(Connection c, TicketEvent event) throws SQLException {
        event(c, Topics.TICKET_EVENTS, event);
    }

    public void notification(Connection c, NotificationRequested request) throws SQLException {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.writeAs(headers, request, "ticket"); // auth's schema, ticket's request
        insert(c, Topics.NOTIFICATION_REQUESTS, request.key(), EventJson.toBytes(request), headers);
    }

    /** The record as it came, with SmallRye's dead-letter headers naming why and from where. */
    public void deadLetter(Connection c, SourceRecord record, Throwable reason) throws SQLException {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(h -> headers.add(h.name(), h.value()));
        DeadLetterHeaders.write(headers, reason, record.topic(), record.partition(), record.offset(), CONSUMER);
        insert(c, Topics.TICKET_DLQ, record.key(), record.value(), headers);
    }

    private void event(Connection c, String topic, Event event) throws SQLException {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, event);
        insert(c, topic, event.key(), EventJson.toBytes(event), headers);
    }

    private void insert(Connection c, String topic, String key, byte[] value, RecordHeaders headers) throws SQLException {
        List<SourceRecord.RecordHeader> list = new ArrayList<>();
        for (Header h : headers) {
            list.add(new SourceRecord.RecordHeader(h.key(), h.value()));
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (topic, record_key, value, headers, created_at, traceparent) VALUES (?, ?, ?, ?::jsonb, ?, ?)")) {
            ps.setString(1, topic);
            ps.setString(2, key);
            ps.setBytes(3, value);
            ps.setString(4, HeaderCodec.toJson(list));
            ps.setTimestamp(5, Timestamp.from(clock.instant()));
            ps.setString(6, TraceContext.current()); // the trace goes on in the record the relay sends
            ps.executeUpdate();
        }
        relay.wakeUp();
    }
}
