package io.loginguard.auth.admission;

import io.loginguard.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness says so when risk has stopped confirming attempts and the gate fails closed. Read from the state
 * all auth nodes share, so a node whose verdict partitions happen to be quiet is not reported stalled.
 */
@Readiness
@ApplicationScoped
public class VerdictFlowHealth implements HealthCheck {
    private final AdmissionGate gate;
    private final boolean failClosed;

    public VerdictFlowHealth(AdmissionGate gate, AuthConfig config) {
        this.gate = gate;
        this.failClosed = config.admission().failClosed();
    }

    @Override
    public HealthCheckResponse call() {
        Duration stalled = gate.verdictsStalledFor();
        return HealthCheckResponse.named("risk-verdicts")
                .status(stalled.isZero())
                .withData("stalledSeconds", stalled.toSeconds())
                .withData("mode", failClosed ? "fail-closed" : "fail-open")
                .build();
    }
}
