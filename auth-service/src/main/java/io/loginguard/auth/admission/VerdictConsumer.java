package io.loginguard.auth.admission;

import io.loginguard.auth.deadletter.DeadLetterCount;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.events.EventJson;
import io.loginguard.events.PipelineHeartbeat;
import io.loginguard.events.PipelineHeartbeatEcho;
import io.loginguard.events.RiskVerdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies risk.verdicts, as {@link VerdictApplier} reads them: risk's verdicts to the admission gate, and its answers
 * to heartbeats to the pipeline view. Only a record that is neither fails here, and the applier sends it to
 * {@code auth.dlq}; a valid record is never given up: if Redis is unavailable, applying it is retried until it
 * succeeds (the gate can admit nothing meanwhile anyway) or auth stops.
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

    /**
     * Applies one record; a record that is not readable throws (the caller dead-letters it). Returns false only if
     * {@code keepTrying} turned false while applying failed: the record is then not applied.
     */
    public boolean apply(ConsumerRecord<String, byte[]> record, BooleanSupplier keepTrying) throws InterruptedException {
        if (PipelineHeartbeat.isHeartbeatKey(record.key())) {
            PipelineHeartbeatEcho echo = deadLetters.read(record, v -> EventJson.fromBytes(v, PipelineHeartbeatEcho.class)); // else: DLQ
            boolean applied = retry(() -> {
                pipeline.answered(echo);
                return true;
            }, "heartbeat " + echo.heartbeatId(), keepTrying);
            if (applied) {
                roundTrip.record(Duration.between(echo.sentAt(), clock.instant()));
            }
            return applied;
        }
        RiskVerdict verdict = deadLetters.read(record, v -> EventJson.fromBytes(v, RiskVerdict.class)); // unreadable: DLQ
        received.record(Duration.between(verdict.occurredAt(), clock.instant()));
        boolean applied = retry(() -> gate.confirm(verdict), "verdict for attempt " + verdict.attemptId(), keepTrying);
        if (applied) {
            latency.record(Duration.between(verdict.occurredAt(), clock.instant()));
        }
        return applied;
    }

    /** Runs the action until it succeeds, backing off between failures. */
    public static void retry(Supplier<Boolean> action, String what) throws InterruptedException {
        retry(action, what, () -> true);
    }

    /** Runs the action until it succeeds (true) or, after a failure, {@code keepTrying} is false (false). */
    public static boolean retry(Supplier<Boolean> action, String what, BooleanSupplier keepTrying)
            throws InterruptedException {
        Duration backoff = Duration.ofMillis(50);
        while (true) {
            try {
                action.get();
                return true;
            } catch (RuntimeException e) {
                if (!keepTrying.getAsBoolean()) {
                    LOG.infof("applying %s failed while stopping; left for the next start: %s", what, e.getMessage());
                    return false;
                }
                LOG.warnf("applying %s failed, retrying: %s", what, e.getMessage());
            }
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }
}
