package io.loginguard.risk.topology;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.events.LoginAttempted.Outcome.REJECTED_LOCKED;
import static io.loginguard.events.LoginAttempted.Outcome.SUCCEEDED;
import static io.loginguard.risk.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.Attempts.Origin;
import io.loginguard.risk.config.LockoutSettings;
import io.loginguard.risk.config.RiskSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules beyond the lockout through the topology, and the contract auth relies on under them. */
class RiskTopologyRulesTest {
    static final String ALICE = "7d1b2c9e-3f44-4a51-9a0e-6f2d8f0b1c11";

    @TempDir
    Path stateDir;

    private RiskTopologyHarness risk;

    private RiskTopologyHarness harness(RiskSettings settings) {
        risk = new RiskTopologyHarness(settings, stateDir);
        return risk;
    }

    @AfterEach
    void close() {
        if (risk != null) {
            risk.driver().close();
        }
    }

    @Test
    void aLoginFromANewCountryIsAStepUpWithANewLocationDecision() {
        RiskTopologyHarness risk = harness(RiskSettings.defaults());
        Attempts alice = new Attempts(ALICE);
        risk.send(alice.password(at(0, 0), SUCCEEDED, Origin.BERLIN), null);
        risk.send(alice.password(at(180, 0), SUCCEEDED, Origin.VIENNA), null);

        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts).extracting(RiskVerdict::verdict).containsExactly(Verdict.ALLOW, Verdict.STEP_UP);
        assertThat(verdicts).extracting(RiskVerdict::checksLeft).containsExactly(5, 5);
        assertThat(risk.values(risk.decisions(), RiskDecision.class)).singleElement()
                .satisfies(d -> assertThat(d.type()).isEqualTo(RiskDecision.Type.NEW_LOCATION));
        List<AccountRiskState> states = risk.values(risk.accountStates(), AccountRiskState.class);
        assertThat(states.get(1).stepUpPending()).isTrue();
        assertThat(states.get(1).knownCountries()).containsExactly("DE");
    }

    @Test
    void impossibleTravelJustAboveTheSpeedIsAStepUpAndJustBelowIsNot() {
        RiskTopologyHarness risk = harness(RiskSettings.defaults());
        Attempts alice = new Attempts(ALICE);
        Origin munich = Origin.MUNICH;
        Origin hamburg = new Origin("203.0.113.9", "DE", 53.551, 9.994, "device-1"); // ~612 km from Munich
        double km = new io.loginguard.risk.geo.Place(munich.latitude(), munich.longitude())
                .distanceKm(new io.loginguard.risk.geo.Place(hamburg.latitude(), hamburg.longitude()));
        long limitMs = (long) Math.ceil(km / 1000 * 3_600_000);
        risk.send(alice.password(Duration.ZERO, SUCCEEDED, munich), null);
        risk.send(alice.password(Duration.ofMillis(limitMs), SUCCEEDED, hamburg), null);
        risk.send(alice.password(Duration.ofMillis(2 * limitMs - 1000), SUCCEEDED, munich), null);

        assertThat(risk.values(risk.verdicts(), RiskVerdict.class)).extracting(RiskVerdict::verdict)
                .containsExactly(Verdict.ALLOW, Verdict.ALLOW, Verdict.STEP_UP);
    }

    @Test
    void aNewDeviceIsReportedAndStillAllowed() {
        RiskTopologyHarness risk = harness(RiskSettings.defaults());
        Attempts alice = new Attempts(ALICE);
        risk.send(alice.password(at(0, 0), SUCCEEDED, Origin.BERLIN), null);
        risk.send(alice.password(at(5, 0), SUCCEEDED, Origin.BERLIN.withDevice("tablet")), null);

        assertThat(risk.values(risk.verdicts(), RiskVerdict.class)).extracting(RiskVerdict::verdict)
                .containsExactly(Verdict.ALLOW, Verdict.ALLOW);
        assertThat(risk.values(risk.decisions(), RiskDecision.class)).extracting(RiskDecision::type)
                .containsExactly(RiskDecision.Type.NEW_DEVICE);
    }

    @Test
    void frequentIpChangesAreAStepUp() {
        RiskTopologyHarness risk = harness(RiskSettings.defaults());
        Attempts alice = new Attempts(ALICE);
        for (int i = 1; i <= 4; i++) {
            risk.send(alice.password(at(i * 5, 0), SUCCEEDED, Origin.BERLIN.withIp("10.0.0." + i)), null);
        }
        assertThat(risk.values(risk.verdicts(), RiskVerdict.class)).extracting(RiskVerdict::verdict)
                .containsExactly(Verdict.ALLOW, Verdict.ALLOW, Verdict.ALLOW, Verdict.STEP_UP);
    }

    @Test
    void withExtensionOnAttemptsDuringALockPushItsEnd() {
        RiskTopologyHarness risk = harness(new RiskSettings(
                LockoutSettings.defaults().withExtendOnAttemptDuringLock(true, Duration.ofHours(2))));
        Attempts alice = new Attempts(ALICE);
        for (int i = 0; i < 5; i++) {
            risk.send(alice.password(at(0, i), BAD_PASSWORD), null);
        }
        risk.send(alice.rejected(at(10, 0), REJECTED_LOCKED), null);
        risk.send(alice.rejected(at(10, 0).plusHours(2).minusSeconds(1), REJECTED_LOCKED), null);

        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts.get(5).lockedUntil()).isEqualTo(Attempts.T0.plus(at(10, 0)).plusSeconds(7200));
        assertThat(verdicts.get(6).verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(verdicts.get(6).lockedUntil()).isEqualTo(Attempts.T0.plus(at(10, 0)).plusSeconds(2 * 7200 - 1));
    }

    @Test
    void anAttemptSeenTwiceIsCountedOnceAndAnsweredWithTheSameRecords() {
        RiskTopologyHarness risk = harness(RiskSettings.defaults());
        Attempts alice = new Attempts(ALICE);
        LoginAttempted first = alice.password(at(0, 0), BAD_PASSWORD);
        LoginAttempted second = alice.password(at(0, 1), BAD_PASSWORD);
        risk.send(first, null);
        risk.send(second, null);
        risk.send(first, null); // auth published it again

        List<TestRecord<String, byte[]>> verdicts = risk.verdicts().readRecordsToList();
        assertThat(verdicts).hasSize(3);
        assertThat(verdicts.get(2).value()).isEqualTo(verdicts.get(0).value());
        assertThat(verdicts.get(2).headers()).isEqualTo(verdicts.get(0).headers());
        // the state it published, sent again as it was (the state after it, not the account's latest): the same
        // records as the first time, which at-least-once after a crash relies on (docs/ARCHITECTURE.md)
        List<TestRecord<String, byte[]>> states = risk.accountStates().readRecordsToList();
        assertThat(states).hasSize(3);
        assertThat(states.get(2).value()).isEqualTo(states.get(0).value());
        assertThat(states.get(2).headers()).isEqualTo(states.get(0).headers());
        risk.send(alice.password(at(0, 2), BAD_PASSWORD), null);
        RiskVerdict third = risk.values(risk.verdicts(), RiskVerdict.class).get(0);
        assertThat(third.consecutiveFailures()).isEqualTo(3);
        assertThat(third.admittedProcessed()).isEqualTo(3);
    }

    @Test
    void everyAdmittedAttemptIsAnsweredOnceWithExactCountsUnderEveryRule() {
        RiskTopologyHarness risk = harness(RiskSettings.defaults());
        Attempts alice = new Attempts(ALICE);
        List<LoginAttempted> sent = new ArrayList<>();
        Origin[] places = {Origin.BERLIN, Origin.VIENNA, Origin.SAO_PAULO, Origin.BERLIN.withDevice("tablet"),
                Origin.BERLIN.withIp("10.9.9.9"), Origin.MUNICH.countryOnly()};
        for (int i = 0; i < 36; i++) {
            Origin o = places[i % places.length];
            LoginAttempted a = i % 7 == 3 ? alice.rejected(at(i, 0), REJECTED_LOCKED)
                    : alice.password(at(i, 0), i % 4 == 0 ? SUCCEEDED : BAD_PASSWORD, o);
            sent.add(a);
            risk.send(a, null);
        }
        for (int i = 0; i < 6; i++) {
            LoginAttempted a = alice.password(at(40, i), BAD_PASSWORD, places[i % places.length]);
            sent.add(a);
            risk.send(a, null);
        }
        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts).extracting(RiskVerdict::attemptId)
                .containsExactlyElementsOf(sent.stream().map(LoginAttempted::attemptId).toList());
        long admitted = 0;
        for (int i = 0; i < verdicts.size(); i++) {
            admitted += sent.get(i).admitted() ? 1 : 0;
            RiskVerdict v = verdicts.get(i);
            assertThat(v.admittedProcessed()).as("attempt %d", i).isEqualTo(admitted);
            assertThat(v.checksLeft()).as("attempt %d", i)
                    .isEqualTo(v.lockedUntil() != null ? 5 : 5 - v.consecutiveFailures());
        }
        assertThat(verdicts).extracting(RiskVerdict::version).isSorted().doesNotHaveDuplicates();
        assertThat(verdicts).extracting(RiskVerdict::verdict).contains(Verdict.STEP_UP, Verdict.LOCKED, Verdict.ALLOW);
    }
}
