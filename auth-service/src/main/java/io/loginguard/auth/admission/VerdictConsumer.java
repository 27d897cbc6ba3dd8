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

/**
 * Applies risk's verdicts to the admission gate. A record that is not a valid verdict fails here and the
 * channel's dead-letter strategy sends it to {@code auth.dlq}; the consumer goes on.
 */
@ApplicationScoped
public class VerdictConsumer {
    private final AdmissionGate gate;
    private final RiskConfirmations confirmations;
    private final Clock clock;
    private final Timer latency;

    public VerdictConsumer(AdmissionGate gate, RiskConfirmations confirmations, Clock clock, MeterRegistry registry) {
        this.gate = gate;
        this.confirmations = confirmations;
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
    public void apply(ConsumerRecord<String, byte[]> record) {
        RiskVerdict verdict = EventJson.fromBytes(record.value(), RiskVerdict.class);
        gate.confirm(verdict);
        confirmations.confirmed(verdict.occurredAt());
        latency.record(Duration.between(verdict.occurredAt(), clock.instant()));
    }
}
