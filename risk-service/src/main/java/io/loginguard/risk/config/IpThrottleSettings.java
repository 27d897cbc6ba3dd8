package io.loginguard.risk.config;

import java.time.Duration;
import java.util.Objects;

/**
 * IP throttling ("Operations too frequent"): {@code maxAttempts} password-stage attempts, or attempts against
 * {@code maxAccounts} distinct account keys, from one address within {@code window} (the newest attempt included)
 * throttle the address for {@code duration} from that attempt. IPv6 addresses are counted per
 * {@code ipv6PrefixLength} prefix (one subscriber usually holds a whole /64).
 */
public record IpThrottleSettings(boolean enabled, int maxAttempts, int maxAccounts, Duration window,
                                 Duration duration, int ipv6PrefixLength) {

    public IpThrottleSettings {
        if (maxAttempts < 1 || maxAccounts < 1) {
            throw new IllegalArgumentException("maxAttempts and maxAccounts must be at least 1");
        }
        requirePositive(window, "window");
        requirePositive(duration, "duration");
        if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
            throw new IllegalArgumentException("ipv6PrefixLength must be 1 to 128, was " + ipv6PrefixLength);
        }
    }

    /**
     * No seed gives numbers ("multiple failed login attempts in a short window"): 20 attempts or 10 accounts from
     * one address in 10 minutes is far beyond one household, and a 30-minute throttle matches the account lock.
     */
    public static IpThrottleSettings defaults() {
        return new IpThrottleSettings(true, 20, 10, Duration.ofMinutes(10), Duration.ofMinutes(30), 64);
    }

    public static IpThrottleSettings disabled() {
        return defaults().withEnabled(false);
    }

    public IpThrottleSettings withEnabled(boolean value) {
        return new IpThrottleSettings(value, maxAttempts, maxAccounts, window, duration, ipv6PrefixLength);
    }

    public IpThrottleSettings withLimits(int attempts, int accounts) {
        return new IpThrottleSettings(enabled, attempts, accounts, window, duration, ipv6PrefixLength);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
