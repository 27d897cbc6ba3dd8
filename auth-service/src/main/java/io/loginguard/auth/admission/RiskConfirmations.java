package io.loginguard.auth.admission;

import io.loginguard.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether risk's verdicts keep coming: if attempts were published and no verdict has been applied for longer
 * than the confirmation timeout, risk (or Kafka) is not confirming and the gate is failing closed.
 */
@ApplicationScoped
public class RiskConfirmations {
    private final AtomicReference<Instant> lastPublished = new AtomicReference<>(Instant.EPOCH);
    private final AtomicReference<Instant> lastConfirmed = new AtomicReference<>(Instant.EPOCH);
    private final Duration timeout;
    private final Clock clock;

    public RiskConfirmations(AuthConfig config, Clock clock) {
        this.timeout = config.admission().confirmationTimeout();
        this.clock = clock;
    }

    public void published(Instant at) {
        lastPublished.accumulateAndGet(at, RiskConfirmations::later);
    }

    public void confirmed(Instant at) {
        lastConfirmed.accumulateAndGet(at, RiskConfirmations::later);
    }

    /** Empty when healthy, else how long the oldest unconfirmed publication has waited. */
    public Duration stalledFor() {
        Instant published = lastPublished.get();
        if (!lastConfirmed.get().isBefore(published)) {
            return Duration.ZERO;
        }
        Duration waited = Duration.between(published, clock.instant());
        return waited.compareTo(timeout) > 0 ? waited : Duration.ZERO;
    }

    public Instant lastConfirmed() {
        return lastConfirmed.get();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
