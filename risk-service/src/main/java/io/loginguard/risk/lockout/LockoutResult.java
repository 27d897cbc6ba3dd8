package io.loginguard.risk.lockout;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import java.util.List;
import java.util.Objects;

/**
 * What one attempt leads to: the account's next state, the verdict on the attempt, any decisions, and (mode
 * {@code account-and-source}) what the account's unknown sources did.
 */
public record LockoutResult(AccountRiskState state, RiskVerdict verdict, List<RiskDecision> decisions,
                            SourceLedger ledger) {

    public LockoutResult {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(verdict, "verdict");
        decisions = List.copyOf(decisions);
        ledger = ledger == null ? SourceLedger.EMPTY : ledger;
    }

    public LockoutResult(AccountRiskState state, RiskVerdict verdict, List<RiskDecision> decisions) {
        this(state, verdict, decisions, SourceLedger.EMPTY);
    }
}
