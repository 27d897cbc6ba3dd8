package io.loginguard.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Headers a consumer adds when it sends a record it could not process to its {@code <service>.dlq} topic.
 * The original key, value and headers are kept as they were. The names are SmallRye Reactive Messaging's
 * (its dead-letter-queue failure strategy writes the same ones), so every service's DLQ reads alike.
 */
public final class DeadLetterHeaders {
    public static final String ERROR = "dead-letter-reason";
    public static final String ERROR_CLASS = "dead-letter-exception-class-name";
    public static final String CAUSE = "dead-letter-cause";
    public static final String SOURCE_TOPIC = "dead-letter-topic";
    public static final String SOURCE_PARTITION = "dead-letter-partition";
    public static final String SOURCE_OFFSET = "dead-letter-offset";
    /** Ours: which service's consumer gave up on the record. */
    public static final String CONSUMER = "dead-letter-consumer";

    private DeadLetterHeaders() {
    }

    public static void write(Headers headers, Throwable error, String topic, int partition, long offset, String consumer) {
        put(headers, ERROR, String.valueOf(error.getMessage()));
        put(headers, ERROR_CLASS, error.getClass().getName());
        if (error.getCause() != null) {
            put(headers, CAUSE, String.valueOf(error.getCause().getMessage()));
        }
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
