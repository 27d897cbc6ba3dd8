package io.loginguard.risk.config;

import io.loginguard.risk.engine.RecentInputs;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the risk topology needs to be built, as plain values, so the rules and the topology can be built and
 * tested without Quarkus. {@link RiskConfig} is the service's source for them; {@link #defaults()} holds the seeds.
 *
 * @param lockout            the consecutive-failure lockout's numbers
 * @param unknownKeyIdle     after how long without an attempt the state of an identifier with no account
 *                           ({@code unknown:...}) is forgotten, unless it is locked
 * @param unknownKeySweep    how often (in stream time) idle unknown-identifier keys are deleted from the store
 * @param sourceLockout      the lockout mode and the numbers of mode {@code account-and-source}
 * @param geo                new-country and impossible-travel step-ups
 * @param ipChanges          frequent IP changes
 * @param maxKnownDevices    devices remembered per account (the least recently used is forgotten first)
 * @param holds              withdrawal holds
 * @param rememberedAttempts attempt ids remembered per account, so a repeated attempt is answered as before
 * @param ipThrottle         IP throttling (attempts and distinct accounts per address)
 */
public record RiskSettings(
        LockoutSettings lockout,
        Duration unknownKeyIdle,
        Duration unknownKeySweep,
        SourceLockoutSettings sourceLockout,
        GeoSettings geo,
        IpChangeSettings ipChanges,
        int maxKnownDevices,
        HoldSettings holds,
        int rememberedAttempts,
        IpThrottleSettings ipThrottle) {

    public RiskSettings {
        Objects.requireNonNull(lockout, "lockout");
        requirePositive(unknownKeyIdle, "unknownKeyIdle");
        requirePositive(unknownKeySweep, "unknownKeySweep");
        Objects.requireNonNull(sourceLockout, "sourceLockout");
        Objects.requireNonNull(geo, "geo");
        Objects.requireNonNull(ipChanges, "ipChanges");
        Objects.requireNonNull(holds, "holds");
        Objects.requireNonNull(ipThrottle, "ipThrottle");
        if (maxKnownDevices < 1 || rememberedAttempts < 1) {
            throw new IllegalArgumentException("maxKnownDevices and rememberedAttempts must be at least 1");
        }
        if (rememberedAttempts > RecentInputs.MAX_SLOTS) {
            throw new IllegalArgumentException("rememberedAttempts must be at most " + RecentInputs.MAX_SLOTS);
        }
        if (sourceLockout.bySource() && sourceLockout.unknownSourceFailureCap() < lockout.threshold()) {
            throw new IllegalArgumentException("unknownSourceFailureCap must be at least the lockout threshold");
        }
    }

    public RiskSettings(LockoutSettings lockout, Duration unknownKeyIdle, Duration unknownKeySweep,
                        SourceLockoutSettings sourceLockout, GeoSettings geo, IpChangeSettings ipChanges,
                        int maxKnownDevices, HoldSettings holds, int rememberedAttempts) {
        this(lockout, unknownKeyIdle, unknownKeySweep, sourceLockout, geo, ipChanges, maxKnownDevices, holds,
                rememberedAttempts, IpThrottleSettings.defaults());
    }

    public RiskSettings(LockoutSettings lockout, Duration unknownKeyIdle, Duration unknownKeySweep) {
        this(lockout, unknownKeyIdle, unknownKeySweep, SourceLockoutSettings.defaults(), GeoSettings.defaults(),
                IpChangeSettings.defaults(), 20, HoldSettings.defaults(), 32);
    }

    public RiskSettings(LockoutSettings lockout) {
        this(lockout, Duration.ofHours(24), Duration.ofHours(1));
    }

    public static RiskSettings defaults() {
        return new RiskSettings(LockoutSettings.defaults());
    }

    public RiskSettings withSourceLockout(SourceLockoutSettings value) {
        return new RiskSettings(lockout, unknownKeyIdle, unknownKeySweep, value, geo, ipChanges, maxKnownDevices, holds,
                rememberedAttempts, ipThrottle);
    }

    public RiskSettings withGeo(GeoSettings value) {
        return new RiskSettings(lockout, unknownKeyIdle, unknownKeySweep, sourceLockout, value, ipChanges,
                maxKnownDevices, holds, rememberedAttempts, ipThrottle);
    }

    public RiskSettings withIpChanges(IpChangeSettings value) {
        return new RiskSettings(lockout, unknownKeyIdle, unknownKeySweep, sourceLockout, geo, value, maxKnownDevices,
                holds, rememberedAttempts, ipThrottle);
    }

    public RiskSettings withRememberedAttempts(int value) {
        return new RiskSettings(lockout, unknownKeyIdle, unknownKeySweep, sourceLockout, geo, ipChanges,
                maxKnownDevices, holds, value, ipThrottle);
    }

    public RiskSettings withIpThrottle(IpThrottleSettings value) {
        return new RiskSettings(lockout, unknownKeyIdle, unknownKeySweep, sourceLockout, geo, ipChanges,
                maxKnownDevices, holds, rememberedAttempts, value);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
