package io.loginguard.risk.topology;

import io.loginguard.risk.ipthrottle.IpThrottle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * In every account task: keeps the throttles the IP tasks sent (store {@code ip-throttles}, the one with the latest
 * end per address), which {@link LoginAttemptProcessor} applies to each attempt by the attempt's time. Throttles over
 * for longer than {@code grace} in stream time are deleted.
 */
final class IpThrottleNoticeProcessor implements Processor<String, IpThrottle, Void, Void> {
    private final Duration grace;
    private KeyValueStore<String, IpThrottle> throttles;

    IpThrottleNoticeProcessor(Duration grace) {
        this.grace = grace;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.throttles = context.getStateStore(RiskTopology.THROTTLE_STORE);
        context.schedule(grace, PunctuationType.STREAM_TIME, this::forgetEnded);
    }

    @Override
    public void process(Record<String, IpThrottle> record) {
        IpThrottle throttle = record.value();
        if (throttle == null) {
            return;
        }
        IpThrottle known = throttles.get(throttle.ip());
        if (known == null || throttle.until().isAfter(known.until())) {
            throttles.put(throttle.ip(), throttle);
        }
    }

    private void forgetEnded(long streamTime) {
        Instant before = Instant.ofEpochMilli(streamTime).minus(grace);
        List<String> ended = new ArrayList<>();
        try (KeyValueIterator<String, IpThrottle> it = throttles.all()) {
            while (it.hasNext()) {
                KeyValue<String, IpThrottle> entry = it.next();
                if (entry.value != null && !entry.value.until().isAfter(before)) {
                    ended.add(entry.key);
                }
            }
        }
        ended.forEach(throttles::delete);
    }
}
