package io.loginguard.risk.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How long withdrawals are held.
 *
 * @param twoFactorReset after a 2FA-reset case opens (or its reset is approved): seed 000, FAQ Q2, 7 days
 * @param passwordReset  after a password reset: 24 h
 */
public record HoldSettings(Duration twoFactorReset, Duration passwordReset) {

    public HoldSettings {
        requirePositive(twoFactorReset, "twoFactorReset");
        requirePositive(passwordReset, "passwordReset");
    }

    public static HoldSettings defaults() {
        return new HoldSettings(Duration.ofDays(7), Duration.ofHours(24));
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
