package io.loginguard.risk.topology;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.events.LoginAttempted.Outcome.SUCCEEDED;
import static io.loginguard.risk.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.Attempts.Origin;
import io.loginguard.risk.config.LockoutMode;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.config.SourceLockoutSettings;
import io.loginguard.risk.lockout.LockoutPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mode account-and-source through the topology: an attacker hammering the account from a device the owner never
 * used locks only that source; auth's gate (which sees checksLeft and lockedUntil, per account) keeps admitting the
 * owner's known device, which logs in during the attack.
 */
class RiskTopologySourceLockoutTest {
    static final String ALICE = "7d1b2c9e-3f44-4a51-9a0e-6f2d8f0b1c11";
    static final Origin ATTACKER = new Origin("192.0.2.66", "DE", 52.52, 13.405, "attacker-device");

    @TempDir
    Path stateDir;

    private RiskTopologyHarness risk;

    @AfterEach
    void close() {
        risk.driver().close();
    }

    private static RiskSettings sourceMode() {
        return RiskSettings.defaults()
                .withSourceLockout(SourceLockoutSettings.defaults().withMode(LockoutMode.ACCOUNT_AND_SOURCE));
    }

    @Test
    void theOwnersKnownDeviceLogsInWhileAnUnknownSourceIsLockedOut() {
        risk = new RiskTopologyHarness(sourceMode(), stateDir);
        Attempts alice = new Attempts(ALICE);
        risk.send(alice.password(at(0, 0), SUCCEEDED, Origin.BERLIN), null); // device-1 becomes known
        for (int i = 0; i < 7; i++) {
            risk.send(alice.password(at(1, i), BAD_PASSWORD, ATTACKER), null);
        }
        risk.send(alice.password(at(2, 0), SUCCEEDED, Origin.BERLIN), null);
        risk.send(alice.password(at(2, 30), SUCCEEDED, ATTACKER), null); // even the right password: source locked

        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts).extracting(RiskVerdict::verdict).containsExactly(Verdict.ALLOW,
                Verdict.ALLOW, Verdict.ALLOW, Verdict.ALLOW, Verdict.ALLOW, Verdict.LOCKED, Verdict.LOCKED, Verdict.LOCKED,
                Verdict.ALLOW, Verdict.LOCKED);
        // What auth's per-account gate sees: never a lock, always checks left for the owner.
        assertThat(verdicts).extracting(RiskVerdict::lockedUntil).containsOnlyNulls();
        assertThat(verdicts).extracting(RiskVerdict::checksLeft).containsOnly(5);
        assertThat(verdicts.get(9).reasons()).containsExactly(LockoutPolicy.REASON_SOURCE_LOCKED);
        assertThat(risk.values(risk.accountStates(), AccountRiskState.class))
                .extracting(AccountRiskState::lockedUntil).containsOnlyNulls();
        assertThat(risk.values(risk.decisions(), RiskDecision.class)).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(RiskDecision.Type.LOCKED);
            assertThat(d.details()).containsEntry(LockoutPolicy.DETAIL_SOURCE, "attacker-device@192.0.2.66");
        });
    }

    @Test
    void inTheDefaultModeTheSameAttackLocksTheOwnerOut() {
        risk = new RiskTopologyHarness(RiskSettings.defaults(), stateDir);
        Attempts alice = new Attempts(ALICE);
        risk.send(alice.password(at(0, 0), SUCCEEDED, Origin.BERLIN), null);
        for (int i = 0; i < 5; i++) {
            risk.send(alice.password(at(1, i), BAD_PASSWORD, ATTACKER), null);
        }
        risk.send(alice.password(at(2, 0), SUCCEEDED, Origin.BERLIN), null);

        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts.get(5).lockedUntil()).isNotNull();
        assertThat(verdicts.get(6).verdict()).isEqualTo(Verdict.LOCKED);
    }
}
