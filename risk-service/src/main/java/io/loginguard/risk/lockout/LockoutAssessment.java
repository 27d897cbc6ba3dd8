package io.loginguard.risk.lockout;

import io.loginguard.events.RiskVerdict.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * What the lockout makes of one attempt before it is written out: the counters and source ledger after it, the
 * verdict and its reasons, and the lock it engaged, if any.
 */
record LockoutAssessment(LockoutCounters counters, SourceLedger ledger, Verdict verdict, List<String> reasons,
                         LockNotice lock) {

    static LockoutAssessment allow(LockoutCounters counters, SourceLedger ledger) {
        return new LockoutAssessment(counters, ledger, Verdict.ALLOW, List.of(), null);
    }

    static LockoutAssessment refuse(LockoutCounters counters, SourceLedger ledger, String reason) {
        return new LockoutAssessment(counters, ledger, Verdict.LOCKED, List.of(reason), null);
    }

    static LockoutAssessment engage(LockoutCounters counters, SourceLedger ledger, LockNotice lock) {
        return new LockoutAssessment(counters, ledger, Verdict.LOCKED, List.of(lock.reason()), lock);
    }

    /** A lock engaged by this attempt: of the account ({@code source} null) or of one unknown source. */
    record LockNotice(Instant until, String reason, String source) {
    }
}
