package io.loginguard.risk.engine;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.events.LoginAttempted.Outcome.SUCCEEDED;
import static io.loginguard.risk.Attempts.T0;
import static io.loginguard.risk.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.TicketEvent;
import io.loginguard.events.TicketEvent.ApprovedAction;
import io.loginguard.events.TicketEvent.CaseKind;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.Attempts.Origin;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.geo.CountryCentroids;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Holds, lifts, identity confirmations and freezes, each applied between attempts as the topology does. */
class AccountEventPolicyTest {
    private static final String ACCOUNT = "7d1b2c9e-3f44-4a51-9a0e-6f2d8f0b1c11";

    private final RiskEngine engine = new RiskEngine(RiskSettings.defaults(), CountryCentroids.shipped());
    private final AccountEventPolicy policy = new AccountEventPolicy(RiskSettings.defaults().holds(), engine.lockout());
    private final Attempts attempts = new Attempts(ACCOUNT);
    private final AccountEvents events = new AccountEvents(ACCOUNT);
    private AccountRiskState state;
    private RiskProfile profile;

    private RiskEngine.Evaluation attempt(io.loginguard.events.LoginAttempted a) {
        RiskEngine.Evaluation e = engine.evaluate(state, profile, a);
        state = e.state();
        profile = e.profile();
        return e;
    }

    private AccountEventPolicy.Change apply(AccountEventPolicy.Change change) {
        if (change.state() != null) {
            state = change.state();
        }
        profile = change.profile();
        return change;
    }

    private AccountEventPolicy.Change ticket(TicketEvent e) {
        return apply(policy.onTicket(state, profile, e));
    }

    @Test
    void aTwoFactorResetCaseHoldsWithdrawalsSevenDaysToTheSecond() {
        attempt(attempts.password(at(0, 0), SUCCEEDED));
        UUID caseId = events.caseId("2fa");
        Instant opened = T0.plus(at(1, 0));
        AccountEventPolicy.Change held = ticket(events.ticket(opened, TicketEvent.Type.OPENED, CaseKind.TWO_FACTOR_RESET,
                null, "OPEN", caseId));
        Instant end = opened.plus(Duration.ofDays(7));
        assertThat(held.state().withdrawalsHeldUntil()).isEqualTo(end);
        assertThat(held.state().version()).isGreaterThan(0);
        assertThat(held.decisions()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(RiskDecision.Type.WITHDRAWALS_HELD);
            assertThat(d.until()).isEqualTo(end);
        });
        // Redelivered: nothing changes.
        AccountEventPolicy.Change again = ticket(events.ticket(opened, TicketEvent.Type.OPENED, CaseKind.TWO_FACTOR_RESET,
                null, "OPEN", caseId));
        assertThat(again.state()).isNull();
        assertThat(again.decisions()).isEmpty();

        RiskEngine.Evaluation lastSecond = attempt(attempts.password(Duration.between(T0, end.minusSeconds(1)), SUCCEEDED));
        assertThat(lastSecond.state().withdrawalsHeldUntil()).isEqualTo(end);
        assertThat(lastSecond.decisions()).isEmpty();
        RiskEngine.Evaluation atEnd = attempt(attempts.password(Duration.between(T0, end), SUCCEEDED));
        assertThat(atEnd.state().withdrawalsHeldUntil()).isNull();
        assertThat(atEnd.decisions()).extracting(RiskDecision::type).containsExactly(RiskDecision.Type.WITHDRAWALS_RELEASED);
    }

    @Test
    void aRejectedCaseReleasesItsHoldButNotAPasswordResetsHold() {
        UUID caseId = events.caseId("2fa");
        ticket(events.ticket(T0, TicketEvent.Type.OPENED, CaseKind.TWO_FACTOR_RESET, null, "OPEN", caseId));
        apply(policy.onSecurityEvent(state, profile, events.security(T0.plusSeconds(10), SecurityEvent.Type.PASSWORD_RESET)));
        AccountEventPolicy.Change rejected = ticket(events.ticket(T0.plusSeconds(20), TicketEvent.Type.RESOLVED,
                CaseKind.TWO_FACTOR_RESET, null, "REJECTED", caseId));

        // The 2FA hold is gone; the password reset still holds for 24 h from its time: the wallet sees the new end.
        Instant resetEnd = T0.plusSeconds(10).plus(Duration.ofHours(24));
        assertThat(state.withdrawalsHeldUntil()).isEqualTo(resetEnd);
        assertThat(rejected.decisions()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(RiskDecision.Type.WITHDRAWALS_HELD);
            assertThat(d.until()).isEqualTo(resetEnd);
        });
        assertThat(profile.holds()).hasSize(1).containsValue(resetEnd);
    }

    @Test
    void aPasswordResetAloneHoldsTwentyFourHours() {
        AccountEventPolicy.Change held = apply(policy.onSecurityEvent(null, null,
                events.security(T0, SecurityEvent.Type.PASSWORD_RESET)));
        assertThat(held.state().withdrawalsHeldUntil()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(held.state().checksLeft()).isEqualTo(5);
        assertThat(held.decisions()).extracting(RiskDecision::type).containsExactly(RiskDecision.Type.WITHDRAWALS_HELD);
        AccountEventPolicy.Change other = apply(policy.onSecurityEvent(state, profile,
                events.security(T0.plusSeconds(1), SecurityEvent.Type.SESSION_STARTED)));
        assertThat(other.state()).isNull();
    }

    @Test
    void restrictionLiftedEndsALockWithANewVersion() {
        for (int i = 0; i < 5; i++) {
            attempt(attempts.password(at(0, i), BAD_PASSWORD));
        }
        long lockedVersion = state.version();
        AccountEventPolicy.Change lifted = ticket(events.approval(T0.plus(at(1, 0)), ApprovedAction.RESTRICTION_LIFTED));
        assertThat(lifted.state().lockedUntil()).isNull();
        assertThat(lifted.state().checksLeft()).isEqualTo(5);
        assertThat(lifted.state().version()).isGreaterThan(lockedVersion);
        assertThat(lifted.state().admittedProcessed()).isEqualTo(5);
        assertThat(lifted.decisions()).extracting(RiskDecision::type).containsExactly(RiskDecision.Type.UNLOCKED);
        assertThat(attempt(attempts.password(at(1, 1), SUCCEEDED)).verdict().verdict()).isEqualTo(Verdict.ALLOW);

        assertThat(ticket(events.approval(T0.plus(at(2, 0)), ApprovedAction.RESTRICTION_LIFTED)).state()).isNull();
    }

    @Test
    void identityConfirmationTrustsTheSteppedUpCountry() {
        attempt(attempts.password(at(0, 0), SUCCEEDED, Origin.BERLIN));
        RiskEngine.Evaluation vienna = attempt(attempts.password(at(60, 0), SUCCEEDED, Origin.VIENNA));
        assertThat(vienna.verdict().verdict()).isEqualTo(Verdict.STEP_UP);
        assertThat(state.stepUpPending()).isTrue();

        AccountEventPolicy.Change confirmed = ticket(events.approval(T0.plus(at(70, 0)), ApprovedAction.IDENTITY_CONFIRMED));
        assertThat(confirmed.state().knownCountries()).containsExactly("AT", "DE");
        assertThat(confirmed.state().stepUpPending()).isFalse();
        assertThat(attempt(attempts.password(at(80, 0), SUCCEEDED, Origin.VIENNA)).verdict().verdict())
                .isEqualTo(Verdict.ALLOW);
    }

    @Test
    void aFrozenAccountIsRefusedUntilReactivated() {
        attempt(attempts.password(at(0, 0), SUCCEEDED));
        AccountEventPolicy.Change frozen = apply(policy.onAccountSnapshot(state, profile,
                events.snapshot(T0.plus(at(1, 0)), AccountSnapshot.Status.FROZEN, 3)));
        assertThat(frozen.state()).isNull(); // nothing auth's gate reads changed
        RiskEngine.Evaluation refused = attempt(attempts.password(at(2, 0), SUCCEEDED));
        assertThat(refused.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(refused.verdict().reasons()).containsExactly(RiskEngine.REASON_FROZEN);
        assertThat(refused.verdict().lockedUntil()).isNull();
        assertThat(refused.verdict().checksLeft()).isEqualTo(5);

        apply(policy.onAccountSnapshot(state, profile, events.snapshot(T0.plus(at(3, 0)), AccountSnapshot.Status.ACTIVE, 2)));
        assertThat(profile.frozen()).isTrue(); // an older snapshot changes nothing
        ticket(events.approval(T0.plus(at(4, 0)), ApprovedAction.REACTIVATE));
        assertThat(attempt(attempts.password(at(5, 0), SUCCEEDED)).verdict().verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void aSubAccountLocksWithItsMastersStricterNumbersAndKeepsItsOwnCount() {
        AccountSnapshot sub = events.snapshot(T0, AccountSnapshot.Status.ACTIVE, 1);
        apply(policy.onAccountSnapshot(state, profile, new AccountSnapshot(sub.eventId(), sub.occurredAt(), ACCOUNT,
                AccountSnapshot.Status.ACTIVE, sub.email(), null, true, false, null, "master-of-" + ACCOUNT, null, "en", 1,
                null, null, new AccountSnapshot.RiskPolicy(3, 60))));
        attempt(attempts.password(at(1, 0), BAD_PASSWORD));
        RiskEngine.Evaluation second = attempt(attempts.password(at(1, 1), BAD_PASSWORD));
        assertThat(second.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(second.state().checksLeft()).isEqualTo(1);
        RiskEngine.Evaluation third = attempt(attempts.password(at(1, 2), BAD_PASSWORD));
        assertThat(third.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(third.state().lockedUntil()).isEqualTo(T0.plus(at(1, 2)).plus(Duration.ofMinutes(60)));
        // 59:59 into the master's longer lock: still locked (the default would have ended at 30:00)
        assertThat(attempt(attempts.password(at(61, 1), SUCCEEDED)).verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(attempt(attempts.password(at(61, 2), SUCCEEDED)).verdict().verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void aPolicyThatIsNotStricterChangesNothing() {
        AccountSnapshot s = events.snapshot(T0, AccountSnapshot.Status.ACTIVE, 1);
        apply(policy.onAccountSnapshot(state, profile, new AccountSnapshot(s.eventId(), s.occurredAt(), ACCOUNT,
                AccountSnapshot.Status.ACTIVE, s.email(), null, true, false, null, null, null, "en", 1,
                null, null, new AccountSnapshot.RiskPolicy(9, 5))));
        for (int i = 0; i < 4; i++) {
            assertThat(attempt(attempts.password(at(0, i), BAD_PASSWORD)).verdict().verdict()).isEqualTo(Verdict.ALLOW);
        }
        RiskEngine.Evaluation fifth = attempt(attempts.password(at(0, 4), BAD_PASSWORD));
        assertThat(fifth.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(fifth.state().lockedUntil()).isEqualTo(T0.plus(at(0, 4)).plus(Duration.ofMinutes(30)));
    }
}
