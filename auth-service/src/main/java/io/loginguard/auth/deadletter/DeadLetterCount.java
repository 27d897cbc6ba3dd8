package io.loginguard.auth.deadletter;

import io.loginguard.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Counts the records auth's consumers give up to {@code auth.dlq} ({@code loginguard_dead_letters_total}, by the
 * topic they came from). A consumer fails on a record only when it cannot read it, and its channel's dead-letter
 * strategy then writes it to the DLQ; so reading through here counts exactly those.
 */
@ApplicationScoped
public class DeadLetterCount {
    private final MeterRegistry registry;

    public DeadLetterCount(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The record's value read by the parser; a record it cannot read is counted, and the failure goes on. */
    public <T> T read(ConsumerRecord<String, byte[]> record, Function<byte[], T> parser) {
        try {
            return parser.apply(record.value());
        } catch (RuntimeException e) {
            Counter.builder("loginguard.dead.letters")
                    .description("records sent to this service's dead-letter topic, by the topic they came from")
                    .tag("dlq", Topics.AUTH_DLQ).tag("source", record.topic()).register(registry).increment();
            throw e;
        }
    }
}
