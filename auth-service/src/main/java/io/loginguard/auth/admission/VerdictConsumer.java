package io.loginguard.auth.admission;

import io.loginguard.events.EventJson;
import io.loginguard.events.RiskVerdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies risk's verdicts to the admission gate. Only a record that is not a valid verdict fails here, and the
 * channel's dead-letter strategy sends it to {@code auth.dlq}; a valid verdict is never given up: if Redis is
 * unavailable, applying it is retried until it succeeds (the gate can admit nothing meanwhile anyway).
 */
@ApplicationScoped
public class VerdictConsumer {
    private static final Logger LOG = Logger.getLogger(VerdictConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final AdmissionGate gate;
    private final Clock clock;
    private final Timer latency;

    public VerdictConsumer(AdmissionGate gate, Clock clock, MeterRegistry registry) {
        this.gate = gate;
        this.clock = clock;
        this.latency = Timer.builder("loginguard.verdict.latency")
                .description("from a login attempt's occurredAt to its verdict applied at auth")
                .publishPercentiles(0.5, 0.9, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    @Incoming("risk-verdicts")
    @Blocking
    public void apply(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        RiskVerdict verdict = EventJson.fromBytes(record.value(), RiskVerdict.class); // EventFormatException: DLQ
        Duration backoff = Duration.ofMillis(50);
        while (!tryConfirm(verdict)) {
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        latency.record(Duration.between(verdict.occurredAt(), clock.instant()));
    }

    private boolean tryConfirm(RiskVerdict verdict) {
        try {
            gate.confirm(verdict);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("applying verdict for attempt %s failed, retrying: %s", verdict.attemptId(), e.getMessage());
            return false;
        }
    }
}
