package io.loginguard.risk.topology;

import io.loginguard.events.RiskDecision;
import io.loginguard.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * risk's counters on /q/metrics: the decisions it writes, by type (LOCKED counts the locks), and the records it
 * dead-letters, by source topic. The decision counters are registered up front, so a record pays an array read and
 * an add (no tag lookup on the hot path); nothing is tagged by account or address.
 */
public final class RiskMetrics {
    private final MeterRegistry registry;
    private final Map<RiskDecision.Type, Counter> decisions = new EnumMap<>(RiskDecision.Type.class);
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

    public RiskMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RiskDecision.Type type : RiskDecision.Type.values()) {
            decisions.put(type, Counter.builder("loginguard.risk.decisions")
                    .description("decisions risk wrote to risk.decisions, by type (LOCKED: an account or a source locked)")
                    .tag("type", type.name()).register(registry));
        }
    }

    /** Counters kept nowhere: for topology tests and tools that do not read them. */
    public static RiskMetrics unregistered() {
        return new RiskMetrics(new SimpleMeterRegistry());
    }

    void decided(RiskDecision decision) {
        Counter c = decisions.get(decision.type());
        if (c != null) {
            c.increment();
        }
    }

    void deadLettered(String sourceTopic) {
        deadLetters.computeIfAbsent(sourceTopic, topic -> Counter.builder("loginguard.dead.letters")
                .description("records sent to this service's dead-letter topic, by the topic they came from")
                .tag("dlq", Topics.RISK_DLQ).tag("source", topic).register(registry)).increment();
    }
}
