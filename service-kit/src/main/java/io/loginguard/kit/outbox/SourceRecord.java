package io.loginguard.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A consumed record as it came (position, key, value, headers): what goes to the service's DLQ if it must. */
public record SourceRecord(String topic, int partition, long offset, String key, byte[] value, List<RecordHeader> headers) {

    public SourceRecord {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    public static SourceRecord of(ConsumerRecord<String, byte[]> r) {
        List<RecordHeader> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new RecordHeader(h.key(), h.value()));
        }
        return new SourceRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value(), headers);
    }

    /** The record's W3C traceparent header (its last one), or null. */
    public String traceparent() {
        String found = null;
        for (RecordHeader h : headers) {
            if ("traceparent".equals(h.name()) && h.value() != null) {
                found = new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        return found;
    }

    public record RecordHeader(String name, byte[] value) {
    }
}
