package io.loginguard.auth.pipeline;

import io.loginguard.auth.admission.RiskProjection;
import io.loginguard.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the login pipeline, from heartbeats only, never from waiting for a login: this node's heartbeats
 * come back from risk within the confirmation timeout, every partition of auth.login-attempts has carried an
 * answered heartbeat lately, and auth's view of risk's state is whole.
 */
@Readiness
@ApplicationScoped
public class PipelineHealth implements HealthCheck {
    private final PipelineView view;
    private final RiskProjection projection;
    /** The system clock, as the heartbeats it measures are stamped ({@link HeartbeatSender}). */
    private final Clock clock = Clock.systemUTC();
    private final Duration timeout;
    private final Duration interval;
    private final boolean failClosed;

    public PipelineHealth(PipelineView view, RiskProjection projection, AuthConfig config) {
        this.view = view;
        this.projection = projection;
        this.timeout = config.admission().confirmationTimeout();
        this.interval = config.pipeline().heartbeatInterval();
        this.failClosed = config.admission().failClosed();
    }

    @Override
    public HealthCheckResponse call() {
        long now = clock.millis();
        Duration own = view.ownSilence(now);
        long[] silence = view.partitionSilenceMillis(now);
        long partitionLimit = Math.max(timeout.toMillis(), 2L * silence.length * interval.toMillis());
        List<Integer> stalled = new ArrayList<>();
        for (int p = 0; p < silence.length; p++) {
            if (silence[p] < 0 || silence[p] > partitionLimit) {
                stalled.add(p);
            }
        }
        boolean heartbeatsAnswered = own != null && own.compareTo(timeout) <= 0;
        boolean up = heartbeatsAnswered && stalled.isEmpty() && projection.isComplete() && view.threshold().isPresent();
        HealthCheckResponseBuilder r = HealthCheckResponse.named("risk-pipeline").status(up)
                .withData("heartbeatAnsweredSecondsAgo", own == null ? "never" : Long.toString(own.toSeconds()))
                .withData("stalledPartitions", stalled.toString())
                .withData("riskStateView", projection.isComplete() ? "complete" : "rebuilding")
                .withData("mode", failClosed ? "fail-closed" : "fail-open");
        view.threshold().ifPresent(t -> r.withData("riskThreshold", t));
        return r.build();
    }
}
