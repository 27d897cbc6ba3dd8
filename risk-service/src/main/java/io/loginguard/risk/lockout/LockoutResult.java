package io.loginguard.risk.lockout;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import java.util.List;
import java.util.Objects;

/** What one attempt leads to: the account's next state, the verdict on the attempt, and any decisions. */
public record LockoutResult(AccountRiskState state, RiskVerdict verdict, List<RiskDecision> decisions) {

    public LockoutResult {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(verdict, "verdict");
        decisions = List.copyOf(decisions);
    }
}
