package io.loginguard.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Headers a consumer adds when it sends a record it could not process to its {@code <service>.dlq} topic.
 * The original key, value and headers are kept as they were.
 */
public final class DeadLetterHeaders {
    public static final String ERROR = "dlq_error";
    public static final String ERROR_CLASS = "dlq_error_class";
    public static final String SOURCE_TOPIC = "dlq_source_topic";
    public static final String SOURCE_PARTITION = "dlq_source_partition";
    public static final String SOURCE_OFFSET = "dlq_source_offset";
    public static final String CONSUMER = "dlq_consumer";

    private DeadLetterHeaders() {
    }

    public static void write(Headers headers, Throwable error, String topic, int partition, long offset, String consumer) {
        put(headers, ERROR, String.valueOf(error.getMessage()));
        put(headers, ERROR_CLASS, error.getClass().getName());
        put(headers, SOURCE_TOPIC, topic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
        put(headers, CONSUMER, consumer);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
