package io.loginguard.risk.lockout;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.events.LoginAttempted.Outcome.SUCCEEDED;
import static io.loginguard.risk.Attempts.T0;
import static io.loginguard.risk.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.Attempts.Origin;
import io.loginguard.risk.config.LockoutMode;
import io.loginguard.risk.config.LockoutSettings;
import io.loginguard.risk.config.SourceLockoutSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Mode account-and-source: unknown sources lock themselves, the owner's known devices keep their checks. */
class SourceLockoutTest {
    private static final String ACCOUNT = "7d1b2c9e-3f44-4a51-9a0e-6f2d8f0b1c11";
    private static final Origin ATTACKER = new Origin("192.0.2.66", "DE", null, null, "attacker-device");
    private static final String ATTACKER_SOURCE = "attacker-device@192.0.2.66";

    private final Attempts attempts = new Attempts(ACCOUNT);
    private LockoutPolicy policy = new LockoutPolicy(LockoutSettings.defaults(),
            SourceLockoutSettings.defaults().withMode(LockoutMode.ACCOUNT_AND_SOURCE));
    private AccountRiskState state;
    private SourceLedger ledger = SourceLedger.EMPTY;

    private LockoutResult apply(LoginAttempted attempt, boolean knownSource) {
        LockoutResult result = policy.apply(state, ledger, attempt, knownSource);
        state = result.state();
        ledger = result.ledger();
        return result;
    }

    private LockoutResult attack(int count, Origin origin, int startMinute) {
        LockoutResult last = null;
        for (int i = 0; i < count; i++) {
            last = apply(attempts.password(at(startMinute, i), BAD_PASSWORD, origin), false);
        }
        return last;
    }

    @Test
    void fourFailuresFromAnUnknownSourceLeaveTheAccountsChecksAlone() {
        LockoutResult fourth = attack(4, ATTACKER, 0);

        assertThat(fourth.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(fourth.verdict().consecutiveFailures()).isZero();
        assertThat(fourth.verdict().checksLeft()).isEqualTo(5);
        assertThat(fourth.ledger().standing(ATTACKER_SOURCE).failures()).isEqualTo(4);
        assertThat(fourth.ledger().unknownSourceFailures()).isEqualTo(4);
    }

    @Test
    void theFifthLocksOnlyThatSource() {
        LockoutResult fifth = attack(5, ATTACKER, 0);

        assertThat(fifth.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(fifth.verdict().reasons()).containsExactly(LockoutPolicy.REASON_SOURCE_FAILURES);
        assertThat(fifth.verdict().lockedUntil()).isNull(); // auth's gate must not lock the account
        assertThat(fifth.state().lockedUntil()).isNull();
        assertThat(fifth.verdict().checksLeft()).isEqualTo(5);
        assertThat(fifth.decisions()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(RiskDecision.Type.LOCKED);
            assertThat(d.until()).isEqualTo(T0.plus(at(0, 4)).plus(Duration.ofMinutes(30)));
            assertThat(d.details()).containsEntry(LockoutPolicy.DETAIL_SOURCE, ATTACKER_SOURCE)
                    .containsEntry(LockoutPolicy.DETAIL_REASON, LockoutPolicy.REASON_SOURCE_FAILURES);
        });

        LockoutResult owner = apply(attempts.password(at(1, 0), SUCCEEDED, Origin.BERLIN), true);
        assertThat(owner.verdict().verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void theSourceLockLastsThirtyMinutesToTheSecond() {
        attack(5, ATTACKER, 0); // 5th failure at 0:04
        LockoutResult lastSecond = apply(attempts.password(at(30, 3), SUCCEEDED, ATTACKER), false);
        assertThat(lastSecond.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(lastSecond.verdict().reasons()).containsExactly(LockoutPolicy.REASON_SOURCE_LOCKED);

        LockoutResult atEnd = apply(attempts.password(at(30, 4), SUCCEEDED, ATTACKER), false);
        assertThat(atEnd.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(atEnd.ledger().sources()).doesNotContainKey(ATTACKER_SOURCE);
    }

    @Test
    void failuresFromKnownDevicesStillLockTheAccount() {
        LockoutResult last = null;
        for (int i = 0; i < 5; i++) {
            last = apply(attempts.password(at(0, i), BAD_PASSWORD, Origin.BERLIN), true);
        }
        assertThat(last.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(last.verdict().lockedUntil()).isEqualTo(T0.plus(at(0, 4)).plus(Duration.ofMinutes(30)));
        assertThat(last.verdict().reasons()).containsExactly(LockoutPolicy.REASON_PASSWORD_FAILURES);
    }

    @Test
    void unknownSourcesTogetherLockTheAccountAtTheirCapAndChecksLeftCountsDownToIt() {
        LockoutResult result = null;
        for (int source = 0; source < 4; source++) {
            result = attack(4, ATTACKER.withDevice("bot-" + source), source);
        }
        // 16 failures from four sources, none locked: the cap (20) leaves 4 checks.
        assertThat(result.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(result.verdict().checksLeft()).isEqualTo(4);
        result = attack(3, ATTACKER.withDevice("bot-4"), 5);
        assertThat(result.verdict().checksLeft()).isEqualTo(1);

        LockoutResult capped = attack(1, ATTACKER.withDevice("bot-5"), 6);
        assertThat(capped.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(capped.verdict().reasons()).containsExactly(LockoutPolicy.REASON_UNKNOWN_SOURCE_FAILURES);
        assertThat(capped.verdict().lockedUntil()).isEqualTo(T0.plus(at(6, 0)).plus(Duration.ofMinutes(30)));
        assertThat(capped.verdict().checksLeft()).isEqualTo(5); // what the account gets back when the lock ends
        assertThat(capped.decisions()).extracting(RiskDecision::type).containsExactly(RiskDecision.Type.LOCKED);
    }

    @Test
    void checksAtALockedSourceStillCountTowardsTheCap() {
        attack(5, ATTACKER, 0);
        LockoutResult during = apply(attempts.password(at(1, 0), BAD_PASSWORD, ATTACKER), false);
        assertThat(during.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(during.ledger().unknownSourceFailures()).isEqualTo(6);
        assertThat(during.verdict().checksLeft()).isEqualTo(5); // min(5, 20 - 6)
    }

    @Test
    void theOwnersSuccessRestartsTheUnknownSourcesCount() {
        attack(4, ATTACKER, 0);
        LockoutResult owner = apply(attempts.password(at(1, 0), SUCCEEDED, Origin.BERLIN), true);
        assertThat(owner.ledger().unknownSourceFailures()).isZero();
    }

    @Test
    void inModeAccountEveryFailureCountsAgainstTheAccount() {
        policy = new LockoutPolicy(LockoutSettings.defaults());
        LockoutResult fifth = attack(5, ATTACKER, 0);
        assertThat(fifth.verdict().lockedUntil()).isNotNull();
        assertThat(fifth.verdict().reasons()).containsExactly(LockoutPolicy.REASON_PASSWORD_FAILURES);
    }
}
