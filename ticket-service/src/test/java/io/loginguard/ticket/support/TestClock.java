package io.loginguard.ticket.support;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of ticket-service in tests: the system's, until a test fixes it at an instant (then it stands still
 * unless moved). Replaces the default clock bean; every test that fixes it calls {@link #useSystem()} after.
 */
@Singleton
public class TestClock extends Clock {
    private volatile Instant fixed;

    public void fixAt(Instant at) {
        fixed = at;
    }

    public void advance(Duration by) {
        fixed = instant().plus(by);
    }

    public void useSystem() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
