package io.loginguard.risk.lockout;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginAttempted.Outcome;
import io.loginguard.events.LoginAttempted.Stage;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.risk.DerivedEventIds;
import io.loginguard.risk.config.LockoutSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The consecutive-failure lockout: N password failures in a row lock the account for a while, and second-factor
 * failures do the same with their own count and numbers. One decision function, every number from
 * {@link LockoutSettings}, in the spirit of Keycloak's BruteForceProtector.
 *
 * <p>A pure function of (state, attempt): time is only the attempt's {@code occurredAt}, never a clock, so
 * replaying the same attempts in the same order gives identical outputs, event ids included.
 */
public final class LockoutPolicy {
    public static final String REASON_PASSWORD_FAILURES = "lockout.password-failures";
    public static final String REASON_SECOND_FACTOR_FAILURES = "lockout.second-factor-failures";
    public static final String REASON_ACCOUNT_LOCKED = "lockout.account-locked";
    public static final String REASON_LOCK_EXPIRED = "lockout.lock-expired";
    /** Key of the one entry in a decision's details: which rule caused it. */
    public static final String DETAIL_REASON = "reason";

    private final LockoutSettings settings;

    public LockoutPolicy(LockoutSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Applies one attempt.
     *
     * @param current the account's state before the attempt, or {@code null} for an account never seen
     */
    public LockoutResult apply(AccountRiskState current, LoginAttempted attempt) {
        Instant at = attempt.occurredAt();
        LockoutCounters counters = LockoutCounters.of(current).countAdmitted(attempt.sequence());
        List<RiskDecision> decisions = new ArrayList<>(2);
        // Expiry is noticed lazily, by the first attempt at or after it: no timer, so no wall clock.
        if (counters.lockExpiredAt(at)) {
            decisions.add(decision(attempt, RiskDecision.Type.UNLOCKED, null, REASON_LOCK_EXPIRED));
            counters = counters.unlocked();
        }
        Assessment assessment = counters.lockedAt(at) ? duringLock(counters, at) : whileUnlocked(counters, attempt);
        if (assessment.engagedLock()) {
            decisions.add(decision(attempt, RiskDecision.Type.LOCKED, assessment.counters().lockedUntil(),
                    assessment.reasons().get(0)));
        }
        long version = nextVersion(current, at);
        return new LockoutResult(nextState(current, attempt, assessment.counters(), version),
                verdict(attempt, assessment, version), decisions);
    }

    /** While locked nothing counts: the lock already says no, and counting would only stack locks. */
    private Assessment duringLock(LockoutCounters counters, Instant at) {
        LockoutCounters next = counters;
        if (settings.extendOnAttemptDuringLock()) {
            Instant extended = at.plus(settings.extension());
            if (extended.isAfter(counters.lockedUntil())) {
                next = counters.withLockedUntil(extended);
            }
        }
        return new Assessment(next, Verdict.LOCKED, List.of(REASON_ACCOUNT_LOCKED), false);
    }

    private Assessment whileUnlocked(LockoutCounters counters, LoginAttempted attempt) {
        if (isPasswordFailure(attempt)) {
            return passwordFailure(counters, attempt.occurredAt());
        }
        if (isSecondFactorFailure(attempt)) {
            return secondFactorFailure(counters, attempt.occurredAt());
        }
        if (attempt.outcome() == Outcome.SUCCEEDED && attempt.stage() == Stage.PASSWORD) {
            return Assessment.allow(counters.withConsecutiveFailures(0));
        }
        if (attempt.outcome() == Outcome.SUCCEEDED && attempt.stage() == Stage.SECOND_FACTOR) {
            return Assessment.allow(counters.withSecondFactorFailures(0));
        }
        // Rejections (auth refused before any check) and step-up outcomes leave the streaks as they are.
        return Assessment.allow(counters);
    }

    private Assessment passwordFailure(LockoutCounters counters, Instant at) {
        int failures = counters.consecutiveFailures() + 1;
        if (failures < settings.threshold()) {
            return Assessment.allow(counters.withConsecutiveFailures(failures));
        }
        LockoutCounters locked = counters.withConsecutiveFailures(0).withLockedUntil(at.plus(settings.duration()));
        return new Assessment(locked, Verdict.LOCKED, List.of(REASON_PASSWORD_FAILURES), true);
    }

    private Assessment secondFactorFailure(LockoutCounters counters, Instant at) {
        int failures = counters.secondFactorFailures() + 1;
        if (failures < settings.secondFactorThreshold()) {
            return Assessment.allow(counters.withSecondFactorFailures(failures));
        }
        LockoutCounters locked = counters.withSecondFactorFailures(0)
                .withLockedUntil(at.plus(settings.secondFactorLockDuration()));
        return new Assessment(locked, Verdict.LOCKED, List.of(REASON_SECOND_FACTOR_FAILURES), true);
    }

    /**
     * Unknown accounts fail like wrong passwords, so an attacker cannot tell them apart by the lockout.
     * The sequence is deliberately not consulted: a checked-and-wrong password is a failure even if auth
     * failed to number it, and counting it errs towards locking.
     */
    private static boolean isPasswordFailure(LoginAttempted attempt) {
        if (attempt.outcome() == Outcome.UNKNOWN) {
            // An outcome this risk does not know (a newer auth): an admitted one counts as a password failure,
            // because auth's gate counted its slot as one; one that was not admitted changes nothing.
            return attempt.admitted() && attempt.stage() != Stage.SECOND_FACTOR;
        }
        return attempt.stage() == Stage.PASSWORD
                && (attempt.outcome() == Outcome.BAD_PASSWORD || attempt.outcome() == Outcome.UNKNOWN_ACCOUNT);
    }

    private static boolean isSecondFactorFailure(LoginAttempted attempt) {
        return attempt.stage() == Stage.SECOND_FACTOR
                && (attempt.outcome() == Outcome.BAD_CODE || attempt.outcome() == Outcome.UNKNOWN && attempt.admitted());
    }

    /**
     * One more than the previous version, and never below the attempt's time in microseconds: a key risk forgot
     * (an idle unknown identifier) and saw again still gets a version above any auth kept from before.
     */
    static long nextVersion(AccountRiskState previous, Instant at) {
        long previousVersion = previous == null ? 0 : previous.version();
        return Math.max(previousVersion + 1, Math.multiplyExact(at.toEpochMilli(), 1000L));
    }

    /**
     * Checks left before risk locks: while locked, the number the account gets back when the lock runs out (both
     * streaks start afresh then); {@code lockedUntil} is what refuses meanwhile.
     */
    private int checksLeft(LockoutCounters c) {
        return c.lockedUntil() != null ? settings.threshold()
                : Math.max(0, settings.threshold() - c.consecutiveFailures());
    }

    private int secondFactorChecksLeft(LockoutCounters c) {
        return c.lockedUntil() != null ? settings.secondFactorThreshold()
                : Math.max(0, settings.secondFactorThreshold() - c.secondFactorFailures());
    }

    private RiskVerdict verdict(LoginAttempted attempt, Assessment assessment, long version) {
        LockoutCounters c = assessment.counters();
        List<String> reasons = assessment.reasons();
        if (attempt.outcome() == Outcome.UNKNOWN && attempt.admitted()) {
            reasons = new ArrayList<>(reasons);
            reasons.add(RiskVerdict.REASON_UNPROCESSABLE);
        }
        return new RiskVerdict(DerivedEventIds.of(attempt.attemptId(), "verdict"), attempt.occurredAt(),
                attempt.accountKey(), attempt.attemptId(), attempt.sequence(), c.admittedProcessed(),
                assessment.verdict(), c.consecutiveFailures(), c.secondFactorFailures(), c.lockedUntil(),
                reasons, version, checksLeft(c), secondFactorChecksLeft(c));
    }

    /** Copies the fields other rules own from the previous state, so this rule never erases them. */
    private AccountRiskState nextState(AccountRiskState previous, LoginAttempted attempt, LockoutCounters c,
                                       long version) {
        boolean fresh = previous == null;
        return new AccountRiskState(DerivedEventIds.of(attempt.attemptId(), "state"), attempt.occurredAt(),
                attempt.accountKey(), c.consecutiveFailures(), c.secondFactorFailures(), c.lockedUntil(),
                c.admittedProcessed(), c.lastSequence(),
                fresh ? null : previous.knownCountries(),
                fresh ? null : previous.knownDevices(),
                fresh ? null : previous.lastLoginCountry(),
                fresh ? null : previous.lastLoginAt(),
                fresh ? null : previous.lastLatitude(),
                fresh ? null : previous.lastLongitude(),
                !fresh && previous.stepUpPending(),
                fresh ? null : previous.withdrawalsHeldUntil(),
                version, checksLeft(c), secondFactorChecksLeft(c));
    }

    /**
     * Details hold a single entry on purpose: {@code RiskDecision} copies them with {@code Map.copyOf}, whose
     * iteration order (and so the JSON) varies between JVM runs once there are two entries or more.
     */
    private static RiskDecision decision(LoginAttempted attempt, RiskDecision.Type type, Instant until, String reason) {
        return new RiskDecision(DerivedEventIds.of(attempt.attemptId(), "decision:" + type), attempt.occurredAt(),
                attempt.accountKey(), type, attempt.attemptId(), until, Map.of(DETAIL_REASON, reason));
    }

    private record Assessment(LockoutCounters counters, Verdict verdict, List<String> reasons, boolean engagedLock) {
        static Assessment allow(LockoutCounters counters) {
            return new Assessment(counters, Verdict.ALLOW, List.of(), false);
        }
    }
}
