package io.loginguard.risk.engine;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.events.LoginAttempted.Outcome.REJECTED_LOCKED;
import static io.loginguard.events.LoginAttempted.Outcome.SUCCEEDED;
import static io.loginguard.risk.Attempts.T0;
import static io.loginguard.risk.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginSource;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.events.TicketEvent.ApprovedAction;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.Attempts.Origin;
import io.loginguard.risk.config.LockoutMode;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.config.SourceLockoutSettings;
import io.loginguard.risk.geo.CountryCentroids;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mode account-and-source: the sources risk has locked travel on the verdict and the state (as digests), so auth's
 * gate can refuse them before hashing a password; exactly those risk itself would refuse.
 */
class LockedSourcesTest {
    private static final String ACCOUNT = "7d1b2c9e-3f44-4a51-9a0e-6f2d8f0b1c11";
    private static final Origin ATTACKER = new Origin("192.0.2.66", "DE", null, null, "attacker-device");
    private static final String ATTACKER_DIGEST = LoginSource.digest("attacker-device", "192.0.2.66");

    private final RiskEngine engine = new RiskEngine(RiskSettings.defaults().withSourceLockout(
            SourceLockoutSettings.defaults().withMode(LockoutMode.ACCOUNT_AND_SOURCE)), CountryCentroids.shipped());
    private final AccountEventPolicy events = new AccountEventPolicy(RiskSettings.defaults().holds(), engine.lockout());
    private final Attempts attempts = new Attempts(ACCOUNT);
    private final AccountEvents tickets = new AccountEvents(ACCOUNT);
    private AccountRiskState state;
    private RiskProfile profile;

    private RiskEngine.Evaluation apply(LoginAttempted attempt) {
        RiskEngine.Evaluation e = engine.evaluate(state, profile, attempt);
        state = e.state();
        profile = e.profile();
        return e;
    }

    private RiskEngine.Evaluation attack(int count, Origin origin, int minute) {
        RiskEngine.Evaluation last = null;
        for (int i = 0; i < count; i++) {
            last = apply(attempts.password(at(minute, i), BAD_PASSWORD, origin));
        }
        return last;
    }

    @Test
    void theFifthFailureListsItsSourceOnTheVerdictAndTheStateUntilTheLocksEnd() {
        assertThat(attack(4, ATTACKER, 0).verdict().lockedSources()).isNull();

        RiskEngine.Evaluation fifth = attack(1, ATTACKER, 1);
        Instant until = T0.plus(at(1, 0)).plus(Duration.ofMinutes(30));
        assertThat(fifth.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(fifth.verdict().lockedSources()).isEqualTo(Map.of(ATTACKER_DIGEST, until));
        assertThat(fifth.state().lockedSources()).isEqualTo(fifth.verdict().lockedSources());
        assertThat(fifth.state().version()).isEqualTo(fifth.verdict().version());

        // refused at the gate from now on: what reaches risk is the refusal, and the source stays listed
        RiskEngine.Evaluation refused = apply(attempts.rejected(at(2, 0), REJECTED_LOCKED, ATTACKER));
        assertThat(refused.verdict().lockedSources()).containsEntry(ATTACKER_DIGEST, until);

        // an attempt at the lock's end no longer lists it
        RiskEngine.Evaluation after = apply(attempts.password(Duration.between(T0, until), BAD_PASSWORD, ATTACKER));
        assertThat(after.verdict().lockedSources()).isNull();
        assertThat(after.state().lockedSources()).isNull();
    }

    @Test
    void aDeviceThatLogsInAfterwardsIsNoLongerRefusedForItsOldSource() {
        attack(5, ATTACKER, 0);
        assertThat(state.lockedSources()).containsKey(ATTACKER_DIGEST);
        // the owner's device, it turns out: the right password from another address makes it known
        RiskEngine.Evaluation owner = apply(attempts.password(at(2, 0), SUCCEEDED, ATTACKER.withIp("198.51.100.7")));
        assertThat(owner.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(owner.verdict().lockedSources()).isNull();
        // and risk itself allows that device from the locked address again
        assertThat(apply(attempts.password(at(3, 0), SUCCEEDED, ATTACKER)).verdict().verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void anOperatorsLiftClearsTheListOnANewStateVersion() {
        attack(5, ATTACKER, 0);
        long locked = state.version();
        AccountEventPolicy.Change lifted = events.onTicket(state, profile,
                tickets.approval(T0.plus(at(5, 0)), ApprovedAction.RESTRICTION_LIFTED));
        assertThat(lifted.state().version()).isGreaterThan(locked);
        assertThat(lifted.state().lockedSources()).isNull();
    }

    @Test
    void inModeAccountNothingIsEverListed() {
        RiskEngine plain = new RiskEngine(RiskSettings.defaults(), CountryCentroids.shipped());
        AccountRiskState s = null;
        RiskProfile p = null;
        for (int i = 0; i < 6; i++) {
            RiskEngine.Evaluation e = plain.evaluate(s, p, attempts.password(at(0, i), BAD_PASSWORD, ATTACKER));
            assertThat(e.verdict().lockedSources()).isNull();
            assertThat(e.state().lockedSources()).isNull();
            s = e.state();
            p = e.profile();
        }
    }
}
