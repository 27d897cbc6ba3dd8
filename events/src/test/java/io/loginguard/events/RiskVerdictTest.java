package io.loginguard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What auth reads from a verdict beyond its kind: a refusal for a lock already in force. */
class RiskVerdictTest {
    static RiskVerdict verdict(RiskVerdict.Verdict kind, String... reasons) {
        return new RiskVerdict(UUID.randomUUID(), Instant.EPOCH, "account", UUID.randomUUID(), 1L, 1, kind, 0, 0,
                null, List.of(reasons), 1, 5, 5, null);
    }

    @Test
    void aLockInForceIsAStandingLockAndTheAttemptThatEngagesOneIsNot() {
        assertThat(verdict(RiskVerdict.Verdict.LOCKED, RiskVerdict.REASON_SOURCE_LOCKED).refusedForStandingLock())
                .isTrue();
        assertThat(verdict(RiskVerdict.Verdict.LOCKED, RiskVerdict.REASON_ACCOUNT_LOCKED).refusedForStandingLock())
                .isTrue();
        // the fifth failure engages the lock: it is answered as a failure (401), as auth's gate counts it
        assertThat(verdict(RiskVerdict.Verdict.LOCKED, "lockout.password-failures").refusedForStandingLock()).isFalse();
        assertThat(verdict(RiskVerdict.Verdict.ALLOW).refusedForStandingLock()).isFalse();
        assertThat(verdict(RiskVerdict.Verdict.THROTTLED, RiskVerdict.REASON_ACCOUNT_LOCKED).refusedForStandingLock())
                .isFalse();
    }

    @Test
    void theQuestionIsNotPartOfTheJson() {
        String json = EventJson.toJson(verdict(RiskVerdict.Verdict.LOCKED, RiskVerdict.REASON_SOURCE_LOCKED));
        assertThat(json).doesNotContain("refusedForStandingLock");
    }
}
