package io.loginguard.replay;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One Kafka record as a recording holds it: where it was (topic, partition, offset), its timestamp, and its key,
 * value and headers as bytes (null key or value stay null: a tombstone is a record too).
 */
public record ReplayRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                           List<Header> headers) {

    public ReplayRecord {
        Objects.requireNonNull(topic, "topic");
        headers = List.copyOf(headers);
    }

    public String keyString() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** The same record at another place (a topic under a prefix, a new offset). */
    public ReplayRecord at(String newTopic, long newOffset) {
        return new ReplayRecord(newTopic, partition, newOffset, timestamp, key, value, headers);
    }

    /** Same key, value, headers and timestamp: what a consumer of the record sees, wherever it was stored. */
    public boolean sameContent(ReplayRecord other) {
        return timestamp == other.timestamp && Arrays.equals(key, other.key) && Arrays.equals(value, other.value)
                && headers.equals(other.headers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayRecord r && topic.equals(r.topic) && partition == r.partition && offset == r.offset
                && sameContent(r);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, timestamp, Arrays.hashCode(key), Arrays.hashCode(value), headers);
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "@" + offset + " key=" + keyString() + " ts=" + timestamp;
    }

    /** A record header; its value may be null, as Kafka allows. */
    public record Header(String key, byte[] value) {
        public Header {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Header h && key.equals(h.key) && Arrays.equals(value, h.value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + (value == null ? "null" : new String(value, StandardCharsets.UTF_8));
        }
    }
}
