package io.loginguard.risk.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The numbers of the lockout rule, as plain values so the policy and the topology can be built and tested
 * without Quarkus. {@link RiskConfig} is the service's source for them; {@link #defaults()} holds the seeds.
 *
 * @param threshold                  consecutive password failures that lock the account
 * @param duration                   how long a password lockout lasts
 * @param extendOnAttemptDuringLock  whether an attempt during a lock pushes its end out
 * @param extension                  how far past such an attempt the lock then lasts at least
 * @param secondFactorThreshold      consecutive second-factor failures that lock the account
 * @param secondFactorLockDuration   how long a second-factor lockout lasts
 */
public record LockoutSettings(
        int threshold,
        Duration duration,
        boolean extendOnAttemptDuringLock,
        Duration extension,
        int secondFactorThreshold,
        Duration secondFactorLockDuration) {

    public LockoutSettings {
        requireAtLeastOne(threshold, "threshold");
        requireAtLeastOne(secondFactorThreshold, "secondFactorThreshold");
        requirePositive(duration, "duration");
        requirePositive(extension, "extension");
        requirePositive(secondFactorLockDuration, "secondFactorLockDuration");
    }

    /** The seeds: 5 failures lock for 30 minutes; the optional extension policy (off) extends to 2 hours. */
    public static LockoutSettings defaults() {
        return new LockoutSettings(5, Duration.ofMinutes(30), false, Duration.ofHours(2), 5, Duration.ofMinutes(30));
    }

    public LockoutSettings withThreshold(int newThreshold) {
        return new LockoutSettings(newThreshold, duration, extendOnAttemptDuringLock, extension,
                secondFactorThreshold, secondFactorLockDuration);
    }

    /**
     * These numbers made stricter where a policy asks for it: a lower threshold, a longer lock (for both stages);
     * a number that is not stricter, or null, leaves the setting as it is.
     */
    public LockoutSettings stricter(Integer maxThreshold, Duration minLock) {
        int t = maxThreshold == null ? threshold : Math.min(threshold, maxThreshold);
        int t2 = maxThreshold == null ? secondFactorThreshold : Math.min(secondFactorThreshold, maxThreshold);
        Duration d = minLock == null || minLock.compareTo(duration) <= 0 ? duration : minLock;
        Duration d2 = minLock == null || minLock.compareTo(secondFactorLockDuration) <= 0 ? secondFactorLockDuration : minLock;
        return new LockoutSettings(t, d, extendOnAttemptDuringLock, extension, t2, d2);
    }

    public LockoutSettings withExtendOnAttemptDuringLock(boolean extend, Duration newExtension) {
        return new LockoutSettings(threshold, duration, extend, newExtension, secondFactorThreshold,
                secondFactorLockDuration);
    }

    private static void requireAtLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    // A zero or negative lock would make "locked" unreachable, which is a misconfiguration, not a policy.
    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
