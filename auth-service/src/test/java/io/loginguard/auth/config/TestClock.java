package io.loginguard.auth.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * auth's clock in tests: the system clock, until a test stops it at an instant to try a rule at its edge (a reset
 * link at 59:59 and at 60:00); {@link #run()} gives the system clock back.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {
    private volatile Instant stopped;

    /** Time stands still at {@code at} until {@link #run()}. */
    public void stopAt(Instant at) {
        stopped = at;
    }

    public void run() {
        stopped = null;
    }

    @Override
    public Instant instant() {
        Instant s = stopped;
        return s != null ? s : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
