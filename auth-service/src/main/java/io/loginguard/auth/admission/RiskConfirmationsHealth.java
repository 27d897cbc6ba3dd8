package io.loginguard.auth.admission;

import io.loginguard.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness says so when risk has stopped confirming attempts and the gate fails closed. */
@Readiness
@ApplicationScoped
public class RiskConfirmationsHealth implements HealthCheck {
    private final RiskConfirmations confirmations;
    private final boolean failClosed;

    public RiskConfirmationsHealth(RiskConfirmations confirmations, AuthConfig config) {
        this.confirmations = confirmations;
        this.failClosed = config.admission().failClosed();
    }

    @Override
    public HealthCheckResponse call() {
        Duration stalled = confirmations.stalledFor();
        return HealthCheckResponse.named("risk-verdicts")
                .status(stalled.isZero())
                .withData("lastVerdictApplied", confirmations.lastConfirmed().toString())
                .withData("stalledSeconds", stalled.toSeconds())
                .withData("mode", failClosed ? "fail-closed" : "fail-open")
                .build();
    }
}
