package io.loginguard.risk.config;

import java.util.Objects;

/**
 * The numbers of the {@code account-and-source} lockout mode. A source lock uses the password lockout's threshold
 * and duration; the cap bounds the password checks all unknown sources together may have, since auth's gate is per
 * account and cannot refuse one source before checking its password.
 *
 * @param mode                     whose failures lock
 * @param unknownSourceFailureCap  failures from unknown sources, all together, that lock the whole account
 *                                 (at least the password threshold; in mode {@code account} unused)
 * @param maxTrackedSources        unknown sources remembered per account (locked ones always are)
 */
public record SourceLockoutSettings(LockoutMode mode, int unknownSourceFailureCap, int maxTrackedSources) {

    public SourceLockoutSettings {
        Objects.requireNonNull(mode, "mode");
        if (unknownSourceFailureCap < 1) {
            throw new IllegalArgumentException("unknownSourceFailureCap must be at least 1, was " + unknownSourceFailureCap);
        }
        if (maxTrackedSources < 1) {
            throw new IllegalArgumentException("maxTrackedSources must be at least 1, was " + maxTrackedSources);
        }
    }

    /** Mode {@code account}; in the other mode unknown sources together get 20 checks, 64 of them remembered. */
    public static SourceLockoutSettings defaults() {
        return new SourceLockoutSettings(LockoutMode.ACCOUNT, 20, 64);
    }

    public SourceLockoutSettings withMode(LockoutMode newMode) {
        return new SourceLockoutSettings(newMode, unknownSourceFailureCap, maxTrackedSources);
    }

    public boolean bySource() {
        return mode == LockoutMode.ACCOUNT_AND_SOURCE;
    }
}
