package io.loginguard.risk.engine;

import io.loginguard.events.AccountRiskState;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Every rule applied to one login attempt, in order: the lockout (which alone decides the counters, the lock and
 * {@code checksLeft}), then a freeze, then, on a password the lockout let through, where and with what it came.
 * Rules after the lockout may only refuse more (STEP_UP, LOCKED for a frozen account): they never touch the counters,
 * the lock or the checks left, which auth's gate reads. A pure function of (state, profile, attempt).
 */
public final class RiskEngine {
    public static final String REASON_FROZEN = "account.frozen";
    static final String REASON_HOLD_ENDED = "hold.ended";

    private final RiskSettings settings;
    private final LockoutPolicy lockout;
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
     * Judges an attempt not seen before (repeats are answered from the verdicts kept for
     * {@link RiskProfile#recentAttempts()}).
     *
     * @param current the account's state, or null for an account never seen
     * @param profile the account's profile, or null for an account never seen
     */
    public Evaluation evaluate(AccountRiskState current, RiskProfile profile, LoginAttempted attempt) {
        RiskProfile before = profile == null ? RiskProfile.EMPTY : profile;
        boolean knownSource = attempt.deviceId() != null && before.devices().containsKey(attempt.deviceId());
        LockoutResult result = lockout.apply(current, before.sources(), attempt, knownSource);
        Judgement j = new Judgement(attempt, result, before);
        boolean allowedSuccess = attempt.outcome() == Outcome.SUCCEEDED && j.verdict() == Verdict.ALLOW;
        if (before.frozen()) {
            if (j.verdict() != Verdict.LOCKED) {
                j.refuse(Verdict.LOCKED, List.of(REASON_FROZEN));
            }
        } else if (allowedSuccess && attempt.stage() == Stage.PASSWORD) {
            novelty.passwordSucceeded(j, before);
        } else if (allowedSuccess && attempt.stage() == Stage.STEP_UP) {
            novelty.stepUpSucceeded(j, before);
        }
        endHolds(j, before, attempt.occurredAt());
        List<String> forgotten = remember(j, before, attempt);
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

    /** Keeps the attempt's id among the latest; returns the ids that fell off, whose verdicts may be dropped. */
    private List<String> remember(Judgement j, RiskProfile before, LoginAttempted attempt) {
        List<String> ids = new ArrayList<>(before.recentAttempts());
        ids.add(attempt.attemptId().toString());
        List<String> forgotten = new ArrayList<>();
        while (ids.size() > settings.rememberedAttempts()) {
            forgotten.add(ids.remove(0));
        }
        j.profile.recentAttempts(ids);
        return forgotten;
    }

    /**
     * The outcome of one attempt.
     *
     * @param forgotten attempt ids no longer remembered, whose kept verdicts can go
     */
    public record Evaluation(AccountRiskState state, RiskProfile profile, RiskVerdict verdict,
                             List<RiskDecision> decisions, List<String> forgotten) {
    }
}
