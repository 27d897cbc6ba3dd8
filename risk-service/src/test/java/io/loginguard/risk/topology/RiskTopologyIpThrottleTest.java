package io.loginguard.risk.topology;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.events.LoginAttempted.Outcome.SUCCEEDED;
import static io.loginguard.events.LoginAttempted.Outcome.UNKNOWN_ACCOUNT;
import static io.loginguard.risk.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.Attempts.Origin;
import io.loginguard.risk.config.IpThrottleSettings;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.engine.RiskEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IP throttling through the whole topology: re-keyed by address, and back to every account's verdict. */
class RiskTopologyIpThrottleTest {
    static final Origin SPRAYER = new Origin("192.0.2.200", "NL", null, null, "bot");
    static final String OWNER = "5a0c1d2e-3f40-4b51-8c62-7d8e9fa0b1c2";

    @TempDir
    Path stateDir;
    final List<TopologyTestDriver> drivers = new ArrayList<>();

    @AfterEach
    void close() {
        drivers.forEach(TopologyTestDriver::close);
    }

    RiskTopologyHarness harness(String name, RiskSettings settings) {
        RiskTopologyHarness h = new RiskTopologyHarness(settings, stateDir.resolve(name));
        drivers.add(h.driver());
        return h;
    }

    static String account(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    /**
     * Under at-least-once, risk may read attempts again after a crash, and their re-keyed copies reach the address's
     * task again. Each is counted once there (by its input offset), and the one that started a throttle sends its
     * decision again, unchanged, in case the first sending was lost.
     */
    @Test
    void anAttemptReadAgainIsCountedOnceByItsAddressAndResendsTheThrottleItStarted() {
        RiskTopologyHarness risk = harness("again", RiskSettings.defaults()
                .withIpThrottle(IpThrottleSettings.defaults().withLimits(6, 100)));
        List<io.loginguard.events.LoginAttempted> first = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            first.add(new Attempts(account(i)).password(at(0, i), SUCCEEDED, SPRAYER));
        }
        first.forEach(a -> risk.send(a, null));
        List<RiskVerdict> before = risk.values(risk.verdicts(), RiskVerdict.class);
        first.forEach(a -> risk.send(a, null)); // read again: five more would reach the limit of six
        assertThat(risk.values(risk.verdicts(), RiskVerdict.class)).isEqualTo(before);
        assertThat(risk.values(risk.decisions(), RiskDecision.class))
                .noneMatch(d -> d.type() == RiskDecision.Type.IP_THROTTLED);

        io.loginguard.events.LoginAttempted sixth = new Attempts(account(6)).password(at(0, 6), SUCCEEDED, SPRAYER);
        risk.send(sixth, null);
        List<RiskDecision> started = risk.values(risk.decisions(), RiskDecision.class).stream()
                .filter(d -> d.type() == RiskDecision.Type.IP_THROTTLED).toList();
        assertThat(started).singleElement().satisfies(d -> {
            assertThat(d.attemptId()).isEqualTo(sixth.attemptId());
            assertThat(d.details()).containsEntry("attempts", "6");
        });
        risk.send(sixth, null);
        assertThat(risk.values(risk.decisions(), RiskDecision.class).stream()
                .filter(d -> d.type() == RiskDecision.Type.IP_THROTTLED).toList())
                .as("sent again as it was").containsExactlyElementsOf(started);
        // and the throttle it started holds for the next attempt from the address
        risk.send(new Attempts(account(7)).password(at(0, 7), SUCCEEDED, SPRAYER), null);
        assertThat(risk.values(risk.verdicts(), RiskVerdict.class)).last()
                .extracting(RiskVerdict::verdict).isEqualTo(Verdict.THROTTLED);
    }

    @Test
    void oneAddressSprayingTenAccountsIsThrottledForEveryAccountAndEachAttemptGetsOneVerdict() {
        RiskTopologyHarness risk = harness("spray", RiskSettings.defaults());
        List<RiskVerdict> verdicts = new ArrayList<>();
        int sent = 0;
        for (int i = 1; i <= 12; i++) {
            risk.send(new Attempts(account(i)).password(at(0, i), BAD_PASSWORD, SPRAYER), null);
            sent++;
        }
        // the owner of another account, right password, from the throttled address
        Attempts owner = new Attempts(OWNER);
        risk.send(owner.password(at(1, 0), SUCCEEDED, SPRAYER), null);
        sent++;
        // the same owner from its own address is not affected
        risk.send(owner.password(at(1, 5), SUCCEEDED, Origin.BERLIN), null);
        sent++;
        verdicts.addAll(risk.values(risk.verdicts(), RiskVerdict.class));

        assertThat(verdicts).hasSize(sent);
        assertThat(verdicts.subList(0, 10)).extracting(RiskVerdict::verdict).containsOnly(Verdict.ALLOW);
        assertThat(verdicts.subList(10, 13)).extracting(RiskVerdict::verdict).containsOnly(Verdict.THROTTLED);
        assertThat(verdicts.get(12).reasons()).contains(RiskEngine.REASON_IP_THROTTLED);
        assertThat(verdicts.get(13).verdict()).isEqualTo(Verdict.ALLOW);
        // the gate's fields are the lockout's: a throttled failure still counts, a throttle takes no check away
        assertThat(verdicts.get(10).consecutiveFailures()).isEqualTo(1);
        assertThat(verdicts.get(10).checksLeft()).isEqualTo(4);
        assertThat(verdicts.get(10).lockedUntil()).isNull();
        assertThat(verdicts.get(12).admittedProcessed()).isEqualTo(1);
        assertThat(verdicts.get(12).checksLeft()).isEqualTo(5);

        List<RiskDecision> decisions = risk.values(risk.decisions(), RiskDecision.class);
        List<RiskDecision> throttled = decisions.stream().filter(d -> d.type() == RiskDecision.Type.IP_THROTTLED).toList();
        assertThat(throttled).singleElement().satisfies(d -> {
            assertThat(d.subjectKey()).isEqualTo("ip:192.0.2.200");
            assertThat(d.details()).containsEntry("accountId", account(10)).containsEntry("accounts", "10");
            assertThat(d.until()).isEqualTo(Attempts.T0.plus(at(0, 10)).plus(Duration.ofMinutes(30)));
        });
        // a throttled success is no login: the owner's device and country were not learnt from the attacker's address
        assertThat(decisions).noneMatch(d -> d.type() == RiskDecision.Type.NEW_DEVICE);
    }

    @Test
    void twentyAttemptsOnOneAccountThrottleTheTwentyFirstAndTheThrottleEndsAtItsEnd() {
        RiskTopologyHarness risk = harness("attempts", RiskSettings.defaults());
        Attempts owner = new Attempts(OWNER);
        for (int i = 0; i < 20; i++) {
            risk.send(owner.password(at(0, i), SUCCEEDED, SPRAYER), null);
        }
        risk.send(owner.password(at(0, 20), SUCCEEDED, SPRAYER), null);
        Duration end = at(0, 19).plus(Duration.ofMinutes(30));
        risk.send(owner.password(end.minusMillis(1), SUCCEEDED, SPRAYER), null);
        risk.send(owner.password(end, SUCCEEDED, SPRAYER), null);

        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts).hasSize(23);
        assertThat(verdicts.subList(0, 20)).extracting(RiskVerdict::verdict).containsOnly(Verdict.ALLOW);
        assertThat(verdicts.get(20).verdict()).isEqualTo(Verdict.THROTTLED);
        assertThat(verdicts.get(21).verdict()).isEqualTo(Verdict.THROTTLED);
        assertThat(verdicts.get(20).throttledUntil()).as("auth's Retry-After comes from it")
                .isEqualTo(Attempts.T0.plus(end))
                .isEqualTo(verdicts.get(21).throttledUntil());
        assertThat(verdicts.get(22).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(verdicts.get(22).throttledUntil()).isNull();
    }

    @Test
    void aLockedAccountStaysLockedNotThrottledAndUnknownIdentifiersCount() {
        RiskTopologyHarness risk = harness("locked", RiskSettings.defaults());
        Attempts owner = new Attempts(OWNER);
        for (int i = 0; i < 5; i++) {
            risk.send(owner.password(at(0, i), BAD_PASSWORD, SPRAYER), null);
        }
        for (int i = 0; i < 9; i++) {
            risk.send(new Attempts("unknown:" + i).password(at(0, 10 + i), UNKNOWN_ACCOUNT, SPRAYER), null);
        }
        risk.send(owner.password(at(1, 0), SUCCEEDED, SPRAYER), null);
        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts).hasSize(15);
        assertThat(verdicts.get(14).verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(risk.values(risk.decisions(), RiskDecision.class))
                .anyMatch(d -> d.type() == RiskDecision.Type.IP_THROTTLED && "ip.too-many-accounts".equals(d.details().get("reason")));
    }

    @Test
    void aRepeatedAttemptIsCountedOnceByTheAddressToo() {
        RiskTopologyHarness risk = harness("repeat", RiskSettings.defaults());
        Attempts owner = new Attempts(OWNER);
        var first = owner.password(at(0, 0), SUCCEEDED, SPRAYER);
        for (int i = 0; i < 25; i++) {
            risk.send(first, null);
        }
        risk.send(owner.password(at(0, 1), SUCCEEDED, SPRAYER), null);
        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts).hasSize(26).extracting(RiskVerdict::verdict).containsOnly(Verdict.ALLOW);
    }

    @Test
    void switchedOffNothingIsThrottled() {
        RiskTopologyHarness risk = harness("off", RiskSettings.defaults().withIpThrottle(IpThrottleSettings.disabled()));
        for (int i = 1; i <= 30; i++) {
            risk.send(new Attempts(account(i)).password(at(0, i), BAD_PASSWORD, SPRAYER), null);
        }
        assertThat(risk.values(risk.verdicts(), RiskVerdict.class)).hasSize(30)
                .extracting(RiskVerdict::verdict).containsOnly(Verdict.ALLOW);
        assertThat(risk.values(risk.decisions(), RiskDecision.class)).isEmpty();
    }
}
