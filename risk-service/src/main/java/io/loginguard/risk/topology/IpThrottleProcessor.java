package io.loginguard.risk.topology;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.RiskDecision;
import io.loginguard.risk.ipthrottle.IpAttempt;
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
 * address reaches a limit writes one {@code IP_THROTTLED} decision and sends the throttle to every account task.
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
        IpThrottleRule.Result result = rule.apply(windows.get(attempt.ip()), attempt);
        windows.put(attempt.ip(), result.window());
        result.decision().ifPresent(decision -> emit(decision, record.timestamp()));
        result.started().ifPresent(throttle -> context.forward(
                new Record<String, Object>(attempt.ip(), throttle, record.timestamp()), RiskTopology.THROTTLE_ROUTE));
    }

    private void emit(RiskDecision decision, long timestamp) {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, decision, null);
        context.forward(new Record<String, Object>(decision.key(), decision, timestamp, headers),
                RiskTopology.IP_DECISIONS_SINK);
        metrics.decided(decision);
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
