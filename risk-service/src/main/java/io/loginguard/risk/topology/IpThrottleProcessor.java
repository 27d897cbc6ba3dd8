package io.loginguard.risk.topology;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.RiskDecision;
import io.loginguard.risk.ipthrottle.IpAttempt;
import io.loginguard.risk.ipthrottle.IpThrottle;
import io.loginguard.risk.ipthrottle.IpThrottleRule;
import io.loginguard.risk.ipthrottle.IpWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The IP task: reads attempts re-keyed by address, keeps each address's window ({@link IpThrottleRule}), and when an
 * address reaches a limit writes one {@code IP_THROTTLED} decision and sends the throttle to every account task. An
 * attempt is counted once however often it arrives ({@link IpWindow#counted}).
 * Addresses with nothing left that could matter are deleted by a stream-time sweep (storage only).
 */
final class IpThrottleProcessor implements Processor<String, IpAttempt, String, Object> {
    private final IpThrottleRule rule;
    private final RiskMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, IpWindow> windows;

    IpThrottleProcessor(IpThrottleRule rule, RiskMetrics metrics) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.windows = context.getStateStore(RiskTopology.IP_STORE);
        context.schedule(rule.settings().window(), PunctuationType.STREAM_TIME, this::forgetIdle);
    }

    @Override
    public void process(Record<String, IpAttempt> record) {
        IpAttempt attempt = record.value();
        if (attempt == null) {
            return;
        }
        IpWindow before = windows.get(attempt.ip());
        if (before != null && before.counted(attempt)) {
            // Counted before: the same attempt sent again, or re-read after a crash (at-least-once). What it started
            // is sent again, as it was, since its first sending may have been lost; nothing is counted twice.
            if (before.started(attempt)) {
                send(attempt.ip(), before.decision(), before.throttle(), record.timestamp(), false);
            }
            return;
        }
        IpThrottleRule.Result result = rule.apply(before, attempt);
        windows.put(attempt.ip(), result.window());
        send(attempt.ip(), result.decision().orElse(null), result.started().orElse(null), record.timestamp(), true);
    }

    /** @param fresh false when sent again: already counted in the metrics */
    private void send(String ip, RiskDecision decision, IpThrottle throttle, long timestamp, boolean fresh) {
        if (decision != null) {
            emit(decision, timestamp, fresh);
        }
        if (throttle != null) {
            context.forward(new Record<String, Object>(ip, throttle, timestamp), RiskTopology.THROTTLE_ROUTE);
        }
    }

    private void emit(RiskDecision decision, long timestamp, boolean fresh) {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, decision, null);
        context.forward(new Record<String, Object>(decision.key(), decision, timestamp, headers),
                RiskTopology.IP_DECISIONS_SINK);
        if (fresh) {
            metrics.decided(decision);
        }
    }

    private void forgetIdle(long streamTime) {
        Instant now = Instant.ofEpochMilli(streamTime);
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, IpWindow> it = windows.all()) {
            while (it.hasNext()) {
                KeyValue<String, IpWindow> entry = it.next();
                if (entry.value != null && rule.idle(entry.value, now)) {
                    idle.add(entry.key);
                }
            }
        }
        idle.forEach(windows::delete);
    }

}
