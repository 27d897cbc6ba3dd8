package io.loginguard.risk.engine;

import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginSource;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.risk.DerivedEventIds;
import io.loginguard.risk.lockout.LockoutResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** One attempt being judged: the lockout's result, which the other rules then amend. */
final class Judgement {
    final LoginAttempted attempt;
    final StateDraft state;
    final RiskProfile.Builder profile;
    final List<RiskDecision> decisions;
    private final RiskVerdict lockoutVerdict;
    private Verdict verdict;
    private Instant throttledUntil;
    private SortedMap<String, Instant> lockedSources;
    private final List<String> reasons;

    Judgement(LoginAttempted attempt, LockoutResult lockout, RiskProfile before) {
        this.attempt = attempt;
        this.state = new StateDraft(lockout.state());
        this.profile = before.toBuilder().sources(lockout.ledger());
        this.decisions = new ArrayList<>(lockout.decisions());
        this.lockoutVerdict = lockout.verdict();
        this.verdict = lockoutVerdict.verdict();
        this.reasons = new ArrayList<>(lockoutVerdict.reasons());
    }

    Verdict verdict() {
        return verdict;
    }

    void refuse(Verdict newVerdict, List<String> why) {
        verdict = newVerdict;
        reasons.addAll(why);
    }

    /** The attempt's address is throttled until {@code until}: the answer is THROTTLED, with when it ends. */
    void throttle(Instant until, List<String> why) {
        refuse(Verdict.THROTTLED, why);
        throttledUntil = until;
    }

    /** The sources locked after this attempt (mode account-and-source), on the state and the verdict alike. */
    void lockedSources(SortedMap<String, Instant> locked) {
        lockedSources = LoginSource.canonical(locked);
        state.lockedSources(lockedSources);
    }

    void decide(RiskDecision.Type type, Instant until, Map<String, String> details) {
        decisions.add(new RiskDecision(DerivedEventIds.of(attempt.attemptId(), "decision:" + type),
                attempt.occurredAt(), attempt.accountKey(), type, attempt.attemptId(), until, details));
    }

    /** The lockout's verdict with this judgement's verdict and reasons; counters, lock and version unchanged. */
    RiskVerdict verdictRecord() {
        RiskVerdict v = lockoutVerdict;
        if (verdict == v.verdict() && reasons.equals(v.reasons()) && throttledUntil == null && lockedSources == null) {
            return v;
        }
        return new RiskVerdict(v.eventId(), v.occurredAt(), v.accountKey(), v.attemptId(), v.sequence(),
                v.admittedProcessed(), verdict, v.consecutiveFailures(), v.secondFactorFailures(), v.lockedUntil(),
                reasons, v.version(), v.checksLeft(), v.secondFactorChecksLeft(), throttledUntil, lockedSources);
    }
}
