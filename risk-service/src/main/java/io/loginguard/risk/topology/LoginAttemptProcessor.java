package io.loginguard.risk.topology;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.DeadLetterHeaders;
import io.loginguard.events.Event;
import io.loginguard.events.EventFormatException;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.risk.lockout.LockoutPolicy;
import io.loginguard.risk.lockout.LockoutResult;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the risk rules to each login attempt, keeping each account's {@link AccountRiskState} in a store.
 * A record that is not a valid attempt goes to the DLQ and processing goes on.
 */
final class LoginAttemptProcessor implements Processor<String, byte[], String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(LoginAttemptProcessor.class);
    private static final Instant LATEST_OCCURRED_AT = Instant.parse("9999-12-31T23:59:59Z");

    private final LockoutPolicy lockoutPolicy;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, AccountRiskState> states;

    LoginAttemptProcessor(LockoutPolicy lockoutPolicy) {
        this.lockoutPolicy = Objects.requireNonNull(lockoutPolicy, "lockoutPolicy");
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.states = context.getStateStore(RiskTopology.STATE_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        LoginAttempted attempt;
        try {
            attempt = parse(record);
        } catch (EventFormatException e) {
            deadLetter(record, e);
            return;
        }
        AccountRiskState current = states.get(record.key());
        LockoutResult result;
        try {
            result = lockoutPolicy.apply(current, attempt);
        } catch (RuntimeException e) {
            // One attempt the rules cannot handle must not stop every account's verdicts: a stopped risk makes
            // auth fail closed for everyone. Nothing was written yet, so the state stays as it was.
            LOG.error("risk rules failed on attempt {}", attempt.attemptId(), e);
            deadLetter(record, e);
            return;
        }
        states.put(record.key(), result.state());
        String traceparent = CloudEventHeaders.read(record.headers(), CloudEventHeaders.TRACEPARENT).orElse(null);
        emit(record, result.verdict(), traceparent, RiskTopology.VERDICTS_SINK);
        emit(record, result.state(), traceparent, RiskTopology.ACCOUNT_STATE_SINK);
        for (RiskDecision decision : result.decisions()) {
            emit(record, decision, traceparent, RiskTopology.DECISIONS_SINK);
        }
    }

    /**
     * The key must be the attempt's account key: the key chose the partition, and an account whose attempts
     * were spread over partitions would have its state split, breaking the exact count auth relies on.
     */
    private static LoginAttempted parse(Record<String, byte[]> record) {
        LoginAttempted attempt = EventJson.fromBytes(record.value(), LoginAttempted.class);
        if (!attempt.accountKey().equals(record.key())) {
            throw new EventFormatException("LoginAttempted: record key does not match accountKey", null);
        }
        // Kafka rejects negative record timestamps, and event time far out would overflow lock arithmetic.
        if (attempt.occurredAt().isBefore(Instant.EPOCH) || attempt.occurredAt().isAfter(LATEST_OCCURRED_AT)) {
            throw new EventFormatException("LoginAttempted: occurredAt out of range: " + attempt.occurredAt(), null);
        }
        return attempt;
    }

    /**
     * Outputs carry the input record's timestamp, not occurredAt: the broker already accepted that one (Kafka 4
     * rejects timestamps over an hour ahead of its clock, and such a rejection would stop the stream thread),
     * and a replay that keeps recorded timestamps reproduces it. The rules themselves run on occurredAt.
     */
    private void emit(Record<String, byte[]> input, Event event, String traceparent, String sink) {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, event, traceparent);
        context.forward(new Record<>(input.key(), event, input.timestamp(), headers), sink);
    }

    private void deadLetter(Record<String, byte[]> record, RuntimeException error) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? "unknown" : source.topic();
        int partition = source == null ? -1 : source.partition();
        long offset = source == null ? -1 : source.offset();
        LOG.warn("login attempt {}-{}@{} sent to the DLQ: {}", topic, partition, offset, error.getMessage());
        Headers headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.write(headers, error, topic, partition, offset, RiskTopology.CONSUMER_NAME);
        context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers),
                RiskTopology.DLQ_SINK);
    }
}
