package io.loginguard.risk.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.loginguard.events.AccountRiskState;
import io.loginguard.events.EventFormatException;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.PipelineHeartbeat;
import io.loginguard.events.PipelineHeartbeatEcho;
import io.loginguard.events.RiskDecision;
import io.loginguard.risk.DerivedEventIds;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.engine.RiskEngine;
import io.loginguard.risk.engine.RiskProfile;
import io.loginguard.risk.ipthrottle.IpAddresses;
import io.loginguard.risk.ipthrottle.IpAttempt;
import io.loginguard.risk.ipthrottle.IpThrottle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the risk rules ({@link RiskEngine}) to each login attempt, keeping each account's {@link AccountRiskState}
 * and {@link RiskProfile} in the store {@code account-risk} ({@link AccountStore}). An attempt id seen again among the
 * account's remembered ones is answered with the records it produced, and changes nothing. A record that is not a valid attempt goes to the DLQ and processing goes on; if it still names its account
 * and carries a sequence number (auth admitted it, so auth's gate holds a slot for it), it is also answered,
 * as a failure, so the account's count stays exact. Heartbeats are answered with an echo and touch no state.
 * Keys of identifiers with no account ({@code unknown:...}) are forgotten after an idle time: lazily, so
 * decisions do not depend on when a sweep ran, and by a stream-time sweep that frees their storage.
 */
final class LoginAttemptProcessor implements Processor<String, byte[], String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(LoginAttemptProcessor.class);
    private static final Instant LATEST_OCCURRED_AT = Instant.parse("9999-12-31T23:59:59Z");
    private static final String UNKNOWN_KEY_PREFIX = "unknown:";

    private final RiskSettings settings;
    private final RiskEngine engine;
    private final RiskMetrics metrics;
    private ProcessorContext<String, Object> context;
    private RecordOutput output;
    private AccountStore accounts;
    private KeyValueStore<String, IpThrottle> throttles;

    LoginAttemptProcessor(RiskSettings settings, RiskEngine engine, RiskMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.output = new RecordOutput(context, RiskTopology.DLQ_SINK, metrics);
        this.accounts = new AccountStore(context.getStateStore(RiskTopology.ACCOUNT_STORE));
        this.throttles = context.getStateStore(RiskTopology.THROTTLE_STORE);
        context.schedule(settings.unknownKeySweep(), PunctuationType.STREAM_TIME, this::forgetIdleUnknownKeys);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (PipelineHeartbeat.isHeartbeatKey(record.key())) {
            echo(record);
            return;
        }
        LoginAttempted attempt;
        try {
            attempt = parse(record);
        } catch (EventFormatException e) {
            deadLetter(record, e);
            unprocessable(record).ifPresent(synthetic -> apply(record, synthetic));
            return;
        }
        try {
            apply(record, attempt);
        } catch (RuntimeException e) {
            // One attempt the rules cannot handle must not stop every account's verdicts: a stopped risk makes
            // auth fail closed for everyone. Nothing was written yet, so the state stays as it was.
            LOG.error("risk rules failed on attempt {}", attempt.attemptId(), e);
            deadLetter(record, e);
        }
    }

    private void apply(Record<String, byte[]> record, LoginAttempted attempt) {
        String key = record.key();
        RiskEntry entry = accounts.account(key);
        AccountRiskState current = entry == null ? null : entry.state();
        RiskProfile profile = entry == null ? null : entry.profile();
        if (current != null && isIdleUnknownKey(key, current, attempt.occurredAt())) {
            accounts.forgetOutputs(key, profile);
            current = null;
            profile = null;
        }
        String traceparent = RecordOutput.traceparent(record);
        UUID id = attempt.attemptId();
        Optional<String> ip = settings.ipThrottle().enabled()
                ? IpAddresses.key(attempt.ip(), settings.ipThrottle().ipv6PrefixLength()) : Optional.empty();
        Optional<RiskEntry> earlier = accounts.remembered(key, profile, id);
        if (earlier.isPresent()) {
            // Applied before: auth published it twice, a replay overlaps, or risk re-reads it after a crash under
            // at-least-once (its outputs may have been lost with the producer's buffer). Counted once; the same
            // records are sent again, as they were.
            RiskEntry was = earlier.get();
            output.resend(record, was, traceparent, RiskTopology.VERDICTS_SINK, RiskTopology.ACCOUNT_STATE_SINK,
                    RiskTopology.DECISIONS_SINK);
            toAddress(record, attempt, ip, was.partition(), was.offset());
            return;
        }
        IpThrottle throttle = ip.map(throttles::get).orElse(null);
        Instant throttledUntil = throttle != null && throttle.covers(attempt.occurredAt()) ? throttle.until() : null;
        RiskEngine.Evaluation result = engine.evaluate(current, profile, attempt, throttledUntil);
        Optional<RecordMetadata> source = context.recordMetadata();
        Integer partition = source.map(RecordMetadata::partition).orElse(null);
        Long offset = source.map(RecordMetadata::offset).orElse(null);
        accounts.apply(key, RiskEntry.outputs(id, result.verdict(), result.state(), result.decisions(), partition,
                offset), result.forgotten(), result.state(), result.profile());
        output.emit(record, result.verdict(), traceparent, RiskTopology.VERDICTS_SINK);
        output.emit(record, result.state(), traceparent, RiskTopology.ACCOUNT_STATE_SINK);
        for (RiskDecision decision : result.decisions()) {
            output.emit(record, decision, traceparent, RiskTopology.DECISIONS_SINK);
        }
        toAddress(record, attempt, ip, partition, offset);
    }

    /**
     * A password-stage attempt goes to its address's task (re-keyed through a repartition topic), after the
     * verdict: the verdict never waits for it. With its input partition and offset, by which the address's task
     * counts it once however often it comes.
     */
    private void toAddress(Record<String, byte[]> record, LoginAttempted attempt, Optional<String> ip,
                           Integer partition, Long offset) {
        if (ip.isPresent() && attempt.stage() == LoginAttempted.Stage.PASSWORD) {
            context.forward(new Record<String, Object>(ip.get(), new IpAttempt(ip.get(), record.key(),
                    attempt.attemptId(), attempt.occurredAt(), partition, offset), record.timestamp()),
                    RiskTopology.IP_ROUTE);
        }
    }

    /**
     * An unknown identifier's key that saw nothing for the idle time, and is not locked at {@code at}, is as fresh
     * as one never seen. Real accounts are never forgotten: their streaks and locks are the point.
     */
    private boolean isIdleUnknownKey(String key, AccountRiskState state, Instant at) {
        if (!key.startsWith(UNKNOWN_KEY_PREFIX)) {
            return false;
        }
        boolean locked = state.lockedUntil() != null && at.isBefore(state.lockedUntil());
        return !locked && !at.isBefore(state.occurredAt().plus(settings.unknownKeyIdle()));
    }

    /** Deletes idle unknown keys, and tells auth with a tombstone on the compacted state topic. */
    private void forgetIdleUnknownKeys(long streamTime) {
        Instant now = Instant.ofEpochMilli(streamTime);
        List<String> idle = accounts.accountKeys(UNKNOWN_KEY_PREFIX, (key, state) -> isIdleUnknownKey(key, state, now));
        for (String key : idle) {
            accounts.delete(key, accounts.account(key).profile());
            context.forward(new Record<String, Object>(key, null, streamTime), RiskTopology.ACCOUNT_STATE_SINK);
        }
        if (!idle.isEmpty()) {
            LOG.info("forgot {} idle unknown-identifier key(s)", idle.size());
        }
    }

    /** Answers a heartbeat: proof that every record before it on this partition has been processed. */
    private void echo(Record<String, byte[]> record) {
        PipelineHeartbeat heartbeat;
        try {
            heartbeat = EventJson.fromBytes(record.value(), PipelineHeartbeat.class);
        } catch (EventFormatException e) {
            deadLetter(record, e);
            return;
        }
        int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(heartbeat.partition());
        PipelineHeartbeatEcho echo = new PipelineHeartbeatEcho(DerivedEventIds.of(heartbeat.eventId(), "echo"),
                heartbeat.occurredAt(), heartbeat.nodeId(), heartbeat.eventId(), heartbeat.occurredAt(), partition,
                settings.lockout().threshold(), settings.lockout().secondFactorThreshold());
        output.emit(record, echo, null, RiskTopology.ECHO_SINK);
    }

    /**
     * A record that is not a valid attempt but names its account (the record key) and carries a sequence number:
     * auth admitted it and counts it in flight, so it is answered, as an attempt of unknown outcome, which the
     * rules count as a failure. Its time is its own occurredAt if readable, else the record's timestamp; its id is
     * derived from the account and sequence, so a replay answers it the same way.
     */
    private Optional<LoginAttempted> unprocessable(Record<String, byte[]> record) {
        String key = record.key();
        if (key == null || key.isBlank() || record.value() == null) {
            return Optional.empty();
        }
        JsonNode tree;
        try {
            tree = EventJson.readTree(record.value());
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (tree == null || !tree.path("sequence").isIntegralNumber() || !tree.path("sequence").canConvertToLong()) {
            return Optional.empty();
        }
        // An attempt that names another account is someone else's slot, not this key's: answering it here would
        // count a failure the key's account never had.
        if (tree.path("accountKey").isTextual() && !tree.path("accountKey").asText().equals(key)) {
            return Optional.empty();
        }
        long sequence = tree.path("sequence").asLong();
        Instant at = Instant.ofEpochMilli(Math.max(0, record.timestamp()));
        try {
            Instant stated = Instant.parse(tree.path("occurredAt").asText());
            if (!stated.isBefore(Instant.EPOCH) && !stated.isAfter(LATEST_OCCURRED_AT)) {
                at = stated;
            }
        } catch (RuntimeException e) {
            // keep the record's timestamp
        }
        UUID attemptId = UUID.nameUUIDFromBytes(("unprocessable:" + key + ":" + sequence)
                .getBytes(StandardCharsets.UTF_8));
        return Optional.of(new LoginAttempted(DerivedEventIds.of(attemptId, "attempt"), at, key, attemptId, sequence,
                LoginAttempted.Stage.UNKNOWN, LoginAttempted.Outcome.UNKNOWN, LoginAttempted.Method.UNKNOWN,
                null, null, null, null, null, null, null));
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
        if (!RiskEntry.isAccountKey(attempt.accountKey())) {
            throw new EventFormatException("LoginAttempted: an account key holds no '/'", null);
        }
        // Kafka rejects negative record timestamps, and event time far out would overflow lock arithmetic.
        if (attempt.occurredAt().isBefore(Instant.EPOCH) || attempt.occurredAt().isAfter(LATEST_OCCURRED_AT)) {
            throw new EventFormatException("LoginAttempted: occurredAt out of range: " + attempt.occurredAt(), null);
        }
        return attempt;
    }

    private void deadLetter(Record<String, byte[]> record, RuntimeException error) {
        output.deadLetter(record, error);
    }
}
