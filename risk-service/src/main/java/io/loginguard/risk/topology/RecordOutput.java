package io.loginguard.risk.topology;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.DeadLetterHeaders;
import io.loginguard.events.Event;
import io.loginguard.events.RiskDecision;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How risk's processors write: events with CloudEvents headers, and records they cannot process to the DLQ. */
final class RecordOutput {
    private static final Logger LOG = LoggerFactory.getLogger(RecordOutput.class);

    private final ProcessorContext<String, Object> context;
    private final String dlqSink;
    private final RiskMetrics metrics;

    RecordOutput(ProcessorContext<String, Object> context, String dlqSink, RiskMetrics metrics) {
        this.context = context;
        this.dlqSink = dlqSink;
        this.metrics = metrics;
    }

    static String traceparent(Record<String, byte[]> input) {
        return CloudEventHeaders.read(input.headers(), CloudEventHeaders.TRACEPARENT).orElse(null);
    }

    /**
     * Outputs carry the input record's timestamp, not occurredAt: the broker already accepted that one (Kafka 4
     * rejects timestamps over an hour ahead of its clock, and such a rejection would stop the stream thread),
     * and a replay that keeps recorded timestamps reproduces it. The rules themselves run on occurredAt.
     */
    void emit(Record<String, byte[]> input, Event event, String traceparent, String sink) {
        send(input, event, traceparent, sink);
        if (event instanceof RiskDecision decision) {
            metrics.decided(decision);
        }
    }

    /**
     * Sends again, as they were, the records an input applied before sent (its {@link RiskEntry}): its verdict if it
     * had one, the state it published, its decisions. The metrics counted them the first time.
     */
    void resend(Record<String, byte[]> input, RiskEntry was, String traceparent, String verdictSink, String stateSink,
                String decisionsSink) {
        if (was.verdict() != null) {
            send(input, was.verdict(), traceparent, verdictSink);
        }
        if (was.published() != null) {
            send(input, was.published(), traceparent, stateSink);
        }
        for (RiskDecision decision : was.decisions()) {
            send(input, decision, traceparent, decisionsSink);
        }
    }

    private void send(Record<String, byte[]> input, Event event, String traceparent, String sink) {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, event, traceparent);
        context.forward(new Record<>(input.key(), event, input.timestamp(), headers), sink);
    }

    void deadLetter(Record<String, byte[]> record, RuntimeException error) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? "unknown" : source.topic();
        int partition = source == null ? -1 : source.partition();
        long offset = source == null ? -1 : source.offset();
        LOG.warn("record {}-{}@{} sent to the DLQ: {}", topic, partition, offset, error.getMessage());
        metrics.deadLettered(topic);
        Headers headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.write(headers, error, topic, partition, offset, RiskTopology.CONSUMER_NAME);
        context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers),
                dlqSink);
    }
}
