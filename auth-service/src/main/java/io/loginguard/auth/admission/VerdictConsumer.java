package io.loginguard.auth.admission;

import io.loginguard.auth.deadletter.DeadLetterCount;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.events.EventJson;
import io.loginguard.events.PipelineHeartbeat;
import io.loginguard.events.PipelineHeartbeatEcho;
import io.loginguard.events.RiskVerdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies risk.verdicts: risk's verdicts to the admission gate, and its answers to heartbeats to the pipeline
 * view. Only a record that is neither fails here, and the channel's dead-letter strategy sends it to
 * {@code auth.dlq}; a valid record is never given up: if Redis is unavailable, applying it is retried until it
 * succeeds (the gate can admit nothing meanwhile anyway).
 */
@ApplicationScoped
public class VerdictConsumer {
    private static final Logger LOG = Logger.getLogger(VerdictConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final AdmissionGate gate;
    private final PipelineView pipeline;
    private final Clock clock;
    private final Timer latency;
    private final Timer received;
    private final Timer roundTrip;
    private final DeadLetterCount deadLetters;

    public VerdictConsumer(AdmissionGate gate, PipelineView pipeline, Clock clock, MeterRegistry registry,
                           DeadLetterCount deadLetters) {
        this.gate = gate;
        this.deadLetters = deadLetters;
        this.pipeline = pipeline;
        this.clock = clock;
        this.latency = timer(registry, "loginguard.verdict.latency", "from a login attempt's occurredAt to its verdict applied at auth");
        this.received = timer(registry, "loginguard.verdict.received", "from a login attempt's occurredAt to its verdict handed to auth's consumer, before it is applied");
        this.roundTrip = timer(registry, "loginguard.pipeline.heartbeat.round.trip", "from a heartbeat's sending to its echo applied at auth");
    }

    private static Timer timer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description)
                .publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    @Incoming("risk-verdicts")
    @Blocking
    public void apply(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        if (PipelineHeartbeat.isHeartbeatKey(record.key())) {
            PipelineHeartbeatEcho echo = deadLetters.read(record, v -> EventJson.fromBytes(v, PipelineHeartbeatEcho.class)); // else: DLQ
            retry(() -> {
                pipeline.answered(echo);
                return true;
            }, "heartbeat " + echo.heartbeatId());
            roundTrip.record(Duration.between(echo.sentAt(), clock.instant()));
            return;
        }
        RiskVerdict verdict = deadLetters.read(record, v -> EventJson.fromBytes(v, RiskVerdict.class)); // unreadable: DLQ
        received.record(Duration.between(verdict.occurredAt(), clock.instant()));
        retry(() -> gate.confirm(verdict), "verdict for attempt " + verdict.attemptId());
        latency.record(Duration.between(verdict.occurredAt(), clock.instant()));
    }

    public static void retry(Supplier<Boolean> action, String what) throws InterruptedException {
        Duration backoff = Duration.ofMillis(50);
        while (true) {
            try {
                action.get();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("applying %s failed, retrying: %s", what, e.getMessage());
            }
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }
}
