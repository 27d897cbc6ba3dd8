package io.loginguard.risk.lockout;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginAttempted.Outcome;
import io.loginguard.events.LoginAttempted.Stage;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.risk.DerivedEventIds;
import io.loginguard.risk.config.LockoutSettings;
import io.loginguard.risk.config.SourceLockoutSettings;
import io.loginguard.risk.lockout.LockoutAssessment.LockNotice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

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
    public static final String REASON_ACCOUNT_LOCKED = RiskVerdict.REASON_ACCOUNT_LOCKED;
    public static final String REASON_LOCK_EXPIRED = "lockout.lock-expired";
    /** Mode account-and-source: an unknown source's failures locked that source. */
    public static final String REASON_SOURCE_FAILURES = "lockout.source-failures";
    /** Mode account-and-source: the attempt's source is locked (the account is not). */
    public static final String REASON_SOURCE_LOCKED = RiskVerdict.REASON_SOURCE_LOCKED;
    /** Mode account-and-source: unknown sources together reached their cap and locked the account. */
    public static final String REASON_UNKNOWN_SOURCE_FAILURES = "lockout.unknown-source-failures";
    /** Key of a decision's detail saying which rule caused it. */
    public static final String DETAIL_REASON = "reason";
    /** Key of a source lock's detail naming the source ({@code <device>@<ip>}). */
    public static final String DETAIL_SOURCE = "source";

    private final LockoutSettings settings;
    private final SourceLockoutSettings sourceSettings;
    private final SourceLockout sourceLockout;

    public LockoutPolicy(LockoutSettings settings) {
        this(settings, SourceLockoutSettings.defaults());
    }

    public LockoutPolicy(LockoutSettings settings, SourceLockoutSettings sourceSettings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sourceSettings = Objects.requireNonNull(sourceSettings, "sourceSettings");
        this.sourceLockout = new SourceLockout(settings, sourceSettings);
    }

    /**
     * Applies one attempt in mode {@code account}.
     *
     * @param current the account's state before the attempt, or {@code null} for an account never seen
     */
    public LockoutResult apply(AccountRiskState current, LoginAttempted attempt) {
        return apply(current, SourceLedger.EMPTY, attempt, true);
    }

    /**
     * Applies one attempt.
     *
     * @param current     the account's state before the attempt, or {@code null} for an account never seen
     * @param ledger      what the account's unknown sources did (mode {@code account-and-source})
     * @param knownSource whether the attempt comes from a device that logged in successfully before
     */
    public LockoutResult apply(AccountRiskState current, SourceLedger ledger, LoginAttempted attempt,
                               boolean knownSource) {
        Instant at = attempt.occurredAt();
        LockoutCounters counters = LockoutCounters.of(current).countAdmitted(attempt.sequence());
        SourceLedger sources = Objects.requireNonNull(ledger, "ledger");
        List<RiskDecision> decisions = new ArrayList<>(2);
        // Expiry is noticed lazily, by the first attempt at or after it: no timer, so no wall clock.
        if (counters.lockExpiredAt(at)) {
            decisions.add(decision(attempt, RiskDecision.Type.UNLOCKED, null, REASON_LOCK_EXPIRED, null));
            counters = counters.unlocked();
            sources = sources.withUnknownSourceFailures(0);
        }
        LockoutAssessment assessment;
        if (counters.lockedAt(at)) {
            assessment = duringLock(counters, sources, at);
        } else if (sourceSettings.bySource() && !knownSource && attempt.stage() == Stage.PASSWORD) {
            assessment = sourceLockout.assess(counters, sources, attempt);
        } else {
            assessment = whileUnlocked(counters, sources, attempt);
        }
        if (assessment.lock() != null) {
            decisions.add(decision(attempt, RiskDecision.Type.LOCKED, assessment.lock().until(),
                    assessment.lock().reason(), assessment.lock().source()));
        }
        long version = nextVersion(current, at);
        return new LockoutResult(nextState(current, attempt, assessment, version),
                verdict(attempt, assessment, version), decisions, assessment.ledger());
    }

    /** While locked nothing counts: the lock already says no, and counting would only stack locks. */
    private LockoutAssessment duringLock(LockoutCounters counters, SourceLedger sources, Instant at) {
        LockoutCounters next = counters;
        if (settings.extendOnAttemptDuringLock()) {
            Instant extended = at.plus(settings.extension());
            if (extended.isAfter(counters.lockedUntil())) {
                next = counters.withLockedUntil(extended);
            }
        }
        return LockoutAssessment.refuse(next, sources, REASON_ACCOUNT_LOCKED);
    }

    private LockoutAssessment whileUnlocked(LockoutCounters counters, SourceLedger sources, LoginAttempted attempt) {
        if (isPasswordFailure(attempt)) {
            return passwordFailure(counters, sources, attempt.occurredAt());
        }
        if (isSecondFactorFailure(attempt)) {
            return secondFactorFailure(counters, sources, attempt.occurredAt());
        }
        if (attempt.outcome() == Outcome.SUCCEEDED && attempt.stage() == Stage.PASSWORD) {
            // The owner proved themselves: the unknown sources' count (mode account-and-source) restarts too.
            return LockoutAssessment.allow(counters.withConsecutiveFailures(0), sources.withUnknownSourceFailures(0));
        }
        if (attempt.outcome() == Outcome.SUCCEEDED && attempt.stage() == Stage.SECOND_FACTOR) {
            return LockoutAssessment.allow(counters.withSecondFactorFailures(0), sources);
        }
        // Rejections (auth refused before any check) and step-up outcomes leave the streaks as they are.
        return LockoutAssessment.allow(counters, sources);
    }

    private LockoutAssessment passwordFailure(LockoutCounters counters, SourceLedger sources, Instant at) {
        int failures = counters.consecutiveFailures() + 1;
        if (failures < settings.threshold()) {
            return LockoutAssessment.allow(counters.withConsecutiveFailures(failures), sources);
        }
        Instant until = at.plus(settings.duration());
        return LockoutAssessment.engage(counters.withConsecutiveFailures(0).withLockedUntil(until), sources,
                new LockNotice(until, REASON_PASSWORD_FAILURES, null));
    }

    private LockoutAssessment secondFactorFailure(LockoutCounters counters, SourceLedger sources, Instant at) {
        int failures = counters.secondFactorFailures() + 1;
        if (failures < settings.secondFactorThreshold()) {
            return LockoutAssessment.allow(counters.withSecondFactorFailures(failures), sources);
        }
        Instant until = at.plus(settings.secondFactorLockDuration());
        return LockoutAssessment.engage(counters.withSecondFactorFailures(0).withLockedUntil(until), sources,
                new LockNotice(until, REASON_SECOND_FACTOR_FAILURES, null));
    }

    /**
     * Unknown accounts fail like wrong passwords, so an attacker cannot tell them apart by the lockout.
     * The sequence is deliberately not consulted: a checked-and-wrong password is a failure even if auth
     * failed to number it, and counting it errs towards locking.
     */
    static boolean isPasswordFailure(LoginAttempted attempt) {
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
    public static long nextVersion(AccountRiskState previous, Instant at) {
        long previousVersion = previous == null ? 0 : previous.version();
        return Math.max(previousVersion + 1, Math.multiplyExact(at.toEpochMilli(), 1000L));
    }

    /**
     * Checks left before risk locks: while locked, the number the account gets back when the lock runs out (both
     * streaks start afresh then); {@code lockedUntil} is what refuses meanwhile.
     */
    private int checksLeft(LockoutCounters c, SourceLedger sources) {
        int left = c.lockedUntil() != null ? settings.threshold()
                : Math.max(0, settings.threshold() - c.consecutiveFailures());
        if (sourceSettings.bySource()) {
            // Unknown sources' failures do not consume the account's checks, but their cap is a lock all the same.
            int cap = sourceSettings.unknownSourceFailureCap();
            left = Math.min(left, c.lockedUntil() != null ? cap : Math.max(0, cap - sources.unknownSourceFailures()));
        }
        return left;
    }

    private int secondFactorChecksLeft(LockoutCounters c) {
        return c.lockedUntil() != null ? settings.secondFactorThreshold()
                : Math.max(0, settings.secondFactorThreshold() - c.secondFactorFailures());
    }

    private RiskVerdict verdict(LoginAttempted attempt, LockoutAssessment assessment, long version) {
        LockoutCounters c = assessment.counters();
        int checksLeft = checksLeft(c, assessment.ledger());
        List<String> reasons = assessment.reasons();
        if (attempt.outcome() == Outcome.UNKNOWN && attempt.admitted()) {
            reasons = new ArrayList<>(reasons);
            reasons.add(RiskVerdict.REASON_UNPROCESSABLE);
        }
        return new RiskVerdict(DerivedEventIds.of(attempt.attemptId(), "verdict"), attempt.occurredAt(),
                attempt.accountKey(), attempt.attemptId(), attempt.sequence(), c.admittedProcessed(),
                assessment.verdict(), c.consecutiveFailures(), c.secondFactorFailures(), c.lockedUntil(),
                reasons, version, checksLeft, secondFactorChecksLeft(c), null);
    }

    /** Copies the fields other rules own from the previous state, so this rule never erases them. */
    private AccountRiskState nextState(AccountRiskState previous, LoginAttempted attempt, LockoutAssessment assessment,
                                       long version) {
        boolean fresh = previous == null;
        LockoutCounters c = assessment.counters();
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
                version, checksLeft(c, assessment.ledger()), secondFactorChecksLeft(c));
    }

    /**
     * An operator lifted the account's restrictions (an approval on {@code ticket.events}): no lock, both streaks
     * afresh, every check back. Only an event does this, never an edit of the state. With {@code current} null: the
     * state of an account never seen, for an event that must write one.
     */
    public AccountRiskState lift(AccountRiskState current, String accountKey, UUID eventId, Instant at) {
        LockoutCounters c = LockoutCounters.of(current).unlocked();
        long version = nextVersion(current, at);
        boolean fresh = current == null;
        return new AccountRiskState(eventId, at, accountKey, 0, 0, null, c.admittedProcessed(), c.lastSequence(),
                fresh ? null : current.knownCountries(), fresh ? null : current.knownDevices(),
                fresh ? null : current.lastLoginCountry(), fresh ? null : current.lastLoginAt(),
                fresh ? null : current.lastLatitude(), fresh ? null : current.lastLongitude(),
                !fresh && current.stepUpPending(), fresh ? null : current.withdrawalsHeldUntil(),
                version, checksLeft(c, SourceLedger.EMPTY), secondFactorChecksLeft(c));
    }

    /** Details are sorted by {@code RiskDecision} itself, so their JSON is the same on every JVM. */
    private static RiskDecision decision(LoginAttempted attempt, RiskDecision.Type type, Instant until, String reason,
                                         String source) {
        Map<String, String> details = source == null ? Map.of(DETAIL_REASON, reason)
                : Map.of(DETAIL_REASON, reason, DETAIL_SOURCE, source);
        return new RiskDecision(DerivedEventIds.of(attempt.attemptId(), "decision:" + type), attempt.occurredAt(),
                attempt.accountKey(), type, attempt.attemptId(), until, details);
    }
}
