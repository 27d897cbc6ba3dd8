package io.loginguard.risk.lockout;

import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginSource;
import io.loginguard.events.LoginAttempted.Outcome;
import io.loginguard.risk.config.LockoutSettings;
import io.loginguard.risk.config.SourceLockoutSettings;
import io.loginguard.risk.lockout.LockoutAssessment.LockNotice;
import io.loginguard.risk.lockout.SourceLedger.SourceStanding;
import java.time.Instant;

/**
 * Mode {@code account-and-source}, for a password attempt from an unknown source (a device that never logged in
 * successfully) while the account itself is not locked: its failures lock only that source, with the password
 * lockout's threshold and duration, and leave the account's streak alone, so the owner's known devices keep their
 * checks. Every failed check from an unknown source still counts towards a cap for all unknown sources together,
 * which locks the account: auth's gate refuses only sources risk has already locked (their digests travel on the
 * verdict and the state), so without the cap sources made up by the attacker would check passwords without end.
 */
final class SourceLockout {
    private final LockoutSettings lockout;
    private final SourceLockoutSettings sources;

    SourceLockout(LockoutSettings lockout, SourceLockoutSettings sources) {
        this.lockout = lockout;
        this.sources = sources;
    }

    LockoutAssessment assess(LockoutCounters counters, SourceLedger ledger, LoginAttempted attempt) {
        Instant at = attempt.occurredAt();
        String key = LoginSource.key(attempt.deviceId(), attempt.ip());
        SourceLedger current = ledger.prune(at, lockout.duration(), sources.maxTrackedSources());
        SourceStanding standing = current.standing(key);
        boolean failure = LockoutPolicy.isPasswordFailure(attempt);
        int unknownFailures = current.unknownSourceFailures() + (failure ? 1 : 0);
        if (failure && unknownFailures >= sources.unknownSourceFailureCap()) {
            Instant until = at.plus(lockout.duration());
            return LockoutAssessment.engage(counters.withConsecutiveFailures(0).withLockedUntil(until),
                    current.with(key, null, 0),
                    new LockNotice(until, LockoutPolicy.REASON_UNKNOWN_SOURCE_FAILURES, null));
        }
        if (standing.lockedAt(at)) {
            return LockoutAssessment.refuse(counters, current.with(key, duringLock(standing, at), unknownFailures),
                    LockoutPolicy.REASON_SOURCE_LOCKED);
        }
        if (attempt.outcome() == Outcome.SUCCEEDED) {
            // The right password from this source: it is the owner's from now on, and the unknown sources' count restarts.
            return LockoutAssessment.allow(counters.withConsecutiveFailures(0), current.with(key, null, 0));
        }
        if (!failure) {
            return LockoutAssessment.allow(counters, current);
        }
        int failures = standing.failures() + 1;
        if (failures < lockout.threshold()) {
            return LockoutAssessment.allow(counters,
                    current.with(key, new SourceStanding(failures, null, at), unknownFailures));
        }
        Instant until = at.plus(lockout.duration());
        return LockoutAssessment.engage(counters, current.with(key, new SourceStanding(0, until, at), unknownFailures),
                new LockNotice(until, LockoutPolicy.REASON_SOURCE_FAILURES, key));
    }

    private SourceStanding duringLock(SourceStanding standing, Instant at) {
        Instant until = standing.lockedUntil();
        if (lockout.extendOnAttemptDuringLock() && at.plus(lockout.extension()).isAfter(until)) {
            until = at.plus(lockout.extension());
        }
        return new SourceStanding(0, until, at);
    }
}
