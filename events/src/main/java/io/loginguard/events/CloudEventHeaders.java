package io.loginguard.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: the event's attributes as {@code ce_*} headers,
 * the JSON event as the value, and a W3C {@code traceparent} when one is given.
 */
public final class CloudEventHeaders {
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";
    public static final String SPEC_VERSION_1 = "1.0";

    private CloudEventHeaders() {
    }

    public static void write(Headers headers, Event event) {
        EventType type = EventTypes.of(event.getClass());
        set(headers, ID, event.eventId().toString());
        set(headers, TYPE, type.ceType());
        set(headers, SOURCE, type.ceSource());
        set(headers, TIME, IsoInstants.format(event.occurredAt()));
        set(headers, SPEC_VERSION, SPEC_VERSION_1);
        set(headers, CONTENT_TYPE, "application/json");
    }

    /**
     * As {@link #write(Headers, Event)}, for an event whose schema another service owns (its {@code ce_type} keeps
     * that service's name) but that this one produced: {@code ce_source} names the producer, e.g. ticket-service
     * asking for mail with auth's {@code NotificationRequested}.
     */
    public static void writeAs(Headers headers, Event event, String producer) {
        write(headers, event);
        set(headers, SOURCE, "/" + producer);
    }

    public static void write(Headers headers, Event event, String traceparent) {
        write(headers, event);
        if (traceparent != null && !traceparent.isBlank()) {
            set(headers, TRACEPARENT, traceparent);
        }
    }

    public static Optional<String> read(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    /** The attributes of a record, or empty if it carries no (or a partial) CloudEvents header set. */
    public static Optional<Attributes> attributes(Headers headers) {
        Optional<String> id = read(headers, ID);
        Optional<String> type = read(headers, TYPE);
        Optional<String> source = read(headers, SOURCE);
        Optional<String> spec = read(headers, SPEC_VERSION);
        if (id.isEmpty() || type.isEmpty() || source.isEmpty() || spec.isEmpty()) {
            return Optional.empty();
        }
        Instant time = read(headers, TIME).map(Instant::parse).orElse(null);
        return Optional.of(new Attributes(id.get(), type.get(), source.get(), time, spec.get()));
    }

    private static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public record Attributes(String id, String type, String source, Instant time, String specVersion) {
    }
}
