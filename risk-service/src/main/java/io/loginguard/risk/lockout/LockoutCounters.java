package io.loginguard.risk.lockout;

import io.loginguard.events.AccountRiskState;
import java.time.Instant;

/**
 * The part of {@link AccountRiskState} the lockout rule reads and writes. Other rules' fields (known
 * countries, devices, holds) are carried over untouched by {@link LockoutPolicy}.
 */
record LockoutCounters(
        int consecutiveFailures,
        int secondFactorFailures,
        Instant lockedUntil,
        long admittedProcessed,
        Long lastSequence) {

    static final LockoutCounters NONE = new LockoutCounters(0, 0, null, 0, null);

    static LockoutCounters of(AccountRiskState state) {
        if (state == null) {
            return NONE;
        }
        return new LockoutCounters(state.consecutiveFailures(), state.secondFactorFailures(), state.lockedUntil(),
                state.admittedProcessed(), state.lastSequence());
    }

    /** Locked at {@code at}: the lock's last instant is just before {@code lockedUntil}. */
    boolean lockedAt(Instant at) {
        return lockedUntil != null && at.isBefore(lockedUntil);
    }

    boolean lockExpiredAt(Instant at) {
        return lockedUntil != null && !at.isBefore(lockedUntil);
    }

    /**
     * Counts an admitted attempt (one with a sequence number). A count rather than a high-water mark: auth's
     * admission gate relies on it being exact even when attempts reach the partition out of sequence order.
     */
    LockoutCounters countAdmitted(Long sequence) {
        if (sequence == null) {
            return this;
        }
        Long highest = lastSequence == null ? sequence : Math.max(lastSequence, sequence);
        return new LockoutCounters(consecutiveFailures, secondFactorFailures, lockedUntil, admittedProcessed + 1, highest);
    }

    LockoutCounters withConsecutiveFailures(int failures) {
        return new LockoutCounters(failures, secondFactorFailures, lockedUntil, admittedProcessed, lastSequence);
    }

    LockoutCounters withSecondFactorFailures(int failures) {
        return new LockoutCounters(consecutiveFailures, failures, lockedUntil, admittedProcessed, lastSequence);
    }

    LockoutCounters withLockedUntil(Instant until) {
        return new LockoutCounters(consecutiveFailures, secondFactorFailures, until, admittedProcessed, lastSequence);
    }

    /** After a lock ran out both streaks start afresh, as if the account had never failed. */
    LockoutCounters unlocked() {
        return new LockoutCounters(0, 0, null, admittedProcessed, lastSequence);
    }
}
