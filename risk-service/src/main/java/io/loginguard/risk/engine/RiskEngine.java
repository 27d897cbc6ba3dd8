package io.loginguard.risk.engine;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginAttempted.Outcome;
import io.loginguard.events.LoginAttempted.Stage;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.geo.CountryCentroids;
import io.loginguard.risk.holds.WithdrawalHolds;
import io.loginguard.risk.lockout.LockoutPolicy;
import io.loginguard.risk.lockout.LockoutResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every rule applied to one login attempt, in order: the lockout (which alone decides the counters, the lock and
 * {@code checksLeft}), then a freeze, then, on a password the lockout let through, where and with what it came.
 * Rules after the lockout may only refuse more (STEP_UP, LOCKED for a frozen account): they never touch the counters,
 * the lock or the checks left, which auth's gate reads. A pure function of (state, profile, attempt).
 */
public final class RiskEngine {
    public static final String REASON_FROZEN = "account.frozen";
    public static final String REASON_IP_THROTTLED = "ip.throttled";
    static final String REASON_HOLD_ENDED = "hold.ended";

    private final RiskSettings settings;
    private final LockoutPolicy lockout;
    private final Map<AccountSnapshot.RiskPolicy, LockoutPolicy> stricter = new ConcurrentHashMap<>();
    private final LoginNovelty novelty;

    public RiskEngine(RiskSettings settings, CountryCentroids centroids) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lockout = new LockoutPolicy(settings.lockout(), settings.sourceLockout());
        this.novelty = new LoginNovelty(settings, centroids);
    }

    public LockoutPolicy lockout() {
        return lockout;
    }

    /**
     * The lockout for an account whose master chose stricter numbers (a sub-account shares its master's policy):
     * each number only where it is stricter than the service's own. A pure function of the policy, kept per policy.
     */
    LockoutPolicy lockoutFor(AccountSnapshot.RiskPolicy policy) {
        if (policy == null) {
            return lockout;
        }
        return stricter.computeIfAbsent(policy, p -> new LockoutPolicy(settings.lockout().stricter(
                p.lockoutThreshold(), p.lockMinutes() == null ? null : Duration.ofMinutes(p.lockMinutes())),
                settings.sourceLockout()));
    }

    /**
     * Judges an attempt not seen before (repeats are answered from the verdicts kept for
     * {@link RiskProfile#recentAttempts()}).
     *
     * @param current the account's state, or null for an account never seen
     * @param profile the account's profile, or null for an account never seen
     */
    public Evaluation evaluate(AccountRiskState current, RiskProfile profile, LoginAttempted attempt) {
        return evaluate(current, profile, attempt, null);
    }

    /**
     * @param ipThrottledUntil when the throttle of the attempt's address ends, if the address is throttled at the
     *                    attempt's time ({@code null} if not): the attempt is answered {@code THROTTLED} (with that
     *                    time) unless the account is locked or frozen (LOCKED), and a throttled success is no login
     *                    (no device or country learnt). The lockout counts it as usual.
     */
    public Evaluation evaluate(AccountRiskState current, RiskProfile profile, LoginAttempted attempt,
                               Instant ipThrottledUntil) {
        RiskProfile before = profile == null ? RiskProfile.EMPTY : profile;
        boolean knownSource = attempt.deviceId() != null && before.devices().containsKey(attempt.deviceId());
        LockoutResult result = lockoutFor(before.policy()).apply(current, before.sources(), attempt, knownSource);
        Judgement j = new Judgement(attempt, result, before);
        boolean allowedSuccess = attempt.outcome() == Outcome.SUCCEEDED && j.verdict() == Verdict.ALLOW;
        if (before.frozen()) {
            if (j.verdict() != Verdict.LOCKED) {
                j.refuse(Verdict.LOCKED, List.of(REASON_FROZEN));
            }
        } else if (ipThrottledUntil != null && j.verdict() != Verdict.LOCKED) {
            j.throttle(ipThrottledUntil, List.of(REASON_IP_THROTTLED));
        } else if (allowedSuccess && attempt.stage() == Stage.PASSWORD) {
            novelty.passwordSucceeded(j, before);
        } else if (allowedSuccess && attempt.stage() == Stage.STEP_UP) {
            novelty.stepUpSucceeded(j, before);
        }
        endHolds(j, before, attempt.occurredAt());
        j.lockedSources(j.profile.lockedSourcesAt(attempt.occurredAt()));
        List<RecentInputs.Entry> forgotten = remember(j, before, attempt);
        return new Evaluation(j.state.build(), j.profile.build(), j.verdictRecord(), List.copyOf(j.decisions),
                forgotten);
    }

    /** Holds run out lazily, like locks: the first event at or after a hold's end releases withdrawals. */
    private static void endHolds(Judgement j, RiskProfile before, Instant at) {
        SortedMap<String, Instant> inForce = WithdrawalHolds.inForce(before.holds(), at);
        j.profile.holds(inForce);
        Instant published = j.state.base().withdrawalsHeldUntil();
        Instant now = WithdrawalHolds.heldUntil(inForce, at);
        if (WithdrawalHolds.transition(published, now, at) == WithdrawalHolds.Transition.RELEASED) {
            j.state.withdrawalsHeldUntil(null);
            j.decide(RiskDecision.Type.WITHDRAWALS_RELEASED, null, Map.of("reason", REASON_HOLD_ENDED));
        }
    }

    /** Keeps the attempt among the latest; returns the ones that fell off whose kept outputs must be deleted. */
    private List<RecentInputs.Entry> remember(Judgement j, RiskProfile before, LoginAttempted attempt) {
        RecentInputs.Added added = before.recentAttempts().adding(attempt.attemptId(), settings.rememberedAttempts());
        j.profile.recentAttempts(added.inputs());
        return added.forgotten();
    }

    /**
     * The outcome of one attempt.
     *
     * @param forgotten inputs no longer remembered whose kept outputs must go (not the one whose slot the attempt took)
     */
    public record Evaluation(AccountRiskState state, RiskProfile profile, RiskVerdict verdict,
                             List<RiskDecision> decisions, List<RecentInputs.Entry> forgotten) {
    }
}
