package io.loginguard.auth.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one clock of auth-service, injected wherever time matters so tests can control it. The pipeline heartbeat
 * alone reads the system clock ({@code pipeline.HeartbeatSender}, {@code pipeline.PipelineHealth}): it measures the
 * real pipeline, and its times are shared by every node.
 */
@ApplicationScoped
public class ClockProducer {
    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
