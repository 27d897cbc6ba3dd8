package io.loginguard.risk.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Frequent IP changes: more than {@code maxDistinctIps} addresses among an account's successful password logins within
 * {@code window} (the newest login included) ask for a step-up.
 */
public record IpChangeSettings(int maxDistinctIps, Duration window) {

    public IpChangeSettings {
        if (maxDistinctIps < 1) {
            throw new IllegalArgumentException("maxDistinctIps must be at least 1, was " + maxDistinctIps);
        }
        Objects.requireNonNull(window, "window");
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
    }

    /** No seed gives numbers: 3 addresses an hour is a phone moving between Wi-Fi and mobile data, a fourth is not. */
    public static IpChangeSettings defaults() {
        return new IpChangeSettings(3, Duration.ofHours(1));
    }
}
