package io.loginguard.risk.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the risk topology needs to be built, as plain values. Grows one component per rule
 * (throttling, geo, devices, holds) as those rules arrive.
 *
 * @param lockout         the consecutive-failure lockout's numbers
 * @param unknownKeyIdle  after how long without an attempt the state of an identifier with no account
 *                        ({@code unknown:...}) is forgotten, unless it is locked
 * @param unknownKeySweep how often (in stream time) idle unknown-identifier keys are deleted from the store
 */
public record RiskSettings(LockoutSettings lockout, Duration unknownKeyIdle, Duration unknownKeySweep) {

    public RiskSettings {
        Objects.requireNonNull(lockout, "lockout");
        requirePositive(unknownKeyIdle, "unknownKeyIdle");
        requirePositive(unknownKeySweep, "unknownKeySweep");
    }

    public RiskSettings(LockoutSettings lockout) {
        this(lockout, Duration.ofHours(24), Duration.ofHours(1));
    }

    public static RiskSettings defaults() {
        return new RiskSettings(LockoutSettings.defaults());
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
