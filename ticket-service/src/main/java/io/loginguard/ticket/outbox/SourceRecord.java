package io.loginguard.ticket.outbox;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A consumed record as it came (position, key, value, headers): what goes to ticket.dlq if it must. */
public record SourceRecord(String topic, int partition, long offset, String key, byte[] value, List<RecordHeader> headers) {

    public static SourceRecord of(ConsumerRecord<String, byte[]> r) {
        List<RecordHeader> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new RecordHeader(h.key(), h.value()));
        }
        return new SourceRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value(), List.copyOf(headers));
    }

    public record RecordHeader(String name, byte[] value) {
    }
}
