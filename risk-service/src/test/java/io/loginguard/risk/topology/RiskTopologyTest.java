package io.loginguard.risk.topology;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.risk.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.events.Topics;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.engine.RecentInputs;
import io.loginguard.risk.engine.RiskProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskTopologyTest {
    static final String ALICE = "7d1b2c9e-3f44-4a51-9a0e-6f2d8f0b1c11";
    static final String BOB = "0f6c7a1e-9b2d-4c3e-8a5f-1d2e3f4a5b6c";
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @TempDir
    Path stateDir;

    private final List<TopologyTestDriver> drivers = new ArrayList<>();

    private RiskTopologyHarness harness(String name) {
        RiskTopologyHarness harness = new RiskTopologyHarness(RiskSettings.defaults(), stateDir.resolve(name));
        drivers.add(harness.driver());
        return harness;
    }

    @AfterEach
    void closeDrivers() {
        drivers.forEach(TopologyTestDriver::close);
    }

    @Test
    void fiveBadPasswordsLockTheAccount() {
        RiskTopologyHarness risk = harness("lock");
        Attempts alice = new Attempts(ALICE);
        LoginAttempted fifth = null;
        for (int i = 0; i < 5; i++) {
            fifth = alice.password(at(i, 0), BAD_PASSWORD);
            risk.send(fifth, TRACEPARENT);
        }

        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts).extracting(RiskVerdict::admittedProcessed).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(verdicts).extracting(RiskVerdict::verdict)
                .containsExactly(Verdict.ALLOW, Verdict.ALLOW, Verdict.ALLOW, Verdict.ALLOW, Verdict.LOCKED);
        assertThat(verdicts.get(4).lockedUntil()).isEqualTo(fifth.occurredAt().plus(Duration.ofMinutes(30)));

        List<RiskDecision> decisions = risk.values(risk.decisions(), RiskDecision.class);
        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(RiskDecision.Type.LOCKED);
            assertThat(d.until()).isEqualTo(verdicts.get(4).lockedUntil());
        });

        List<AccountRiskState> states = risk.values(risk.accountStates(), AccountRiskState.class);
        assertThat(states).hasSize(5);
        assertThat(states.get(4).lockedUntil()).isEqualTo(verdicts.get(4).lockedUntil());
        assertThat(states.get(4).admittedProcessed()).isEqualTo(5);
        KeyValueStore<String, RiskEntry> store = risk.driver().getKeyValueStore(RiskTopology.ACCOUNT_STORE);
        assertThat(store.get(ALICE).state()).isEqualTo(states.get(4));
        // each of the five attempts is remembered with what it sent, for a repeat or a re-read after a crash
        RiskProfile profile = store.get(ALICE).profile();
        assertThat(profile.recentAttempts().entries()).extracting(RecentInputs.Entry::slot)
                .containsExactly(0, 1, 2, 3, 4);
        assertThat(store.get(RiskEntry.outputsKey(ALICE, profile.remembered(verdicts.get(4).attemptId()))))
                .satisfies(outputs -> {
                    assertThat(outputs.input()).isEqualTo(verdicts.get(4).attemptId());
                    assertThat(outputs.verdict()).isEqualTo(verdicts.get(4));
                    assertThat(outputs.published()).isEqualTo(states.get(4));
                    assertThat(outputs.decisions()).extracting(RiskDecision::type)
                            .containsExactly(RiskDecision.Type.LOCKED);
                });
    }

    @Test
    void outputsKeepTheInputRecordsTimestampWhileTheRulesRunOnOccurredAt() {
        // a producer clock hours ahead: the broker would refuse outputs stamped with occurredAt, stopping risk
        RiskTopologyHarness risk = harness("timestamps");
        LoginAttempted attempt = new Attempts(ALICE).password(at(0, 0), BAD_PASSWORD);
        Instant recordTime = attempt.occurredAt().minus(Duration.ofHours(5));
        RecordHeaders h = new RecordHeaders();
        CloudEventHeaders.write(h, attempt);
        risk.sendRaw(ALICE, EventJson.toBytes(attempt), h, recordTime);

        TestRecord<String, byte[]> verdictRecord = risk.verdicts().readRecord();
        assertThat(verdictRecord.timestamp()).isEqualTo(recordTime.toEpochMilli());
        assertThat(EventJson.fromBytes(verdictRecord.value(), RiskVerdict.class).occurredAt()).isEqualTo(attempt.occurredAt());
    }

    @Test
    void outputsCarryCloudEventsHeadersTheTraceAndEventTime() {
        RiskTopologyHarness risk = harness("headers");
        LoginAttempted attempt = new Attempts(ALICE).password(at(0, 0), BAD_PASSWORD);
        risk.send(attempt, TRACEPARENT);

        TestRecord<String, byte[]> verdictRecord = risk.verdicts().readRecord();
        RiskVerdict verdict = EventJson.fromBytes(verdictRecord.value(), RiskVerdict.class);
        Headers headers = verdictRecord.headers();
        assertThat(verdictRecord.key()).isEqualTo(ALICE);
        assertThat(verdictRecord.timestamp()).isEqualTo(attempt.occurredAt().toEpochMilli());
        assertThat(header(headers, CloudEventHeaders.TYPE)).isEqualTo("loginguard.risk.RiskVerdict.v1");
        assertThat(header(headers, CloudEventHeaders.SOURCE)).isEqualTo("/risk");
        assertThat(header(headers, CloudEventHeaders.ID)).isEqualTo(verdict.eventId().toString());
        assertThat(header(headers, CloudEventHeaders.TIME)).isEqualTo(attempt.occurredAt().toString());
        assertThat(header(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(headers, CloudEventHeaders.TRACEPARENT)).isEqualTo(TRACEPARENT);

        TestRecord<String, byte[]> stateRecord = risk.accountStates().readRecord();
        assertThat(header(stateRecord.headers(), CloudEventHeaders.TYPE))
                .isEqualTo("loginguard.risk.AccountRiskState.v1");
        assertThat(header(stateRecord.headers(), CloudEventHeaders.TRACEPARENT)).isEqualTo(TRACEPARENT);
    }

    @Test
    void attemptsWithoutATraceGetNoTraceparent() {
        RiskTopologyHarness risk = harness("no-trace");
        risk.send(new Attempts(ALICE).password(at(0, 0), BAD_PASSWORD), null);

        assertThat(risk.verdicts().readRecord().headers().lastHeader(CloudEventHeaders.TRACEPARENT)).isNull();
    }

    @Test
    void decisionsCarryTheirOwnCloudEventsType() {
        RiskTopologyHarness risk = harness("decision-headers");
        Attempts alice = new Attempts(ALICE);
        for (int i = 0; i < 5; i++) {
            risk.send(alice.password(at(i, 0), BAD_PASSWORD), TRACEPARENT);
        }

        TestRecord<String, byte[]> decision = risk.decisions().readRecord();
        assertThat(decision.key()).isEqualTo(ALICE);
        assertThat(header(decision.headers(), CloudEventHeaders.TYPE)).isEqualTo("loginguard.risk.RiskDecision.v1");
    }

    @Test
    void twoAccountsDoNotInterfere() {
        RiskTopologyHarness risk = harness("two-accounts");
        Attempts alice = new Attempts(ALICE);
        Attempts bob = new Attempts(BOB);
        for (int i = 0; i < 5; i++) {
            risk.send(alice.password(at(i, 0), BAD_PASSWORD), null);
            if (i < 4) {
                risk.send(bob.password(at(i, 30), BAD_PASSWORD), null);
            }
        }

        List<TestRecord<String, byte[]>> verdicts = risk.verdicts().readRecordsToList();
        List<RiskVerdict> bobs = verdicts.stream().filter(r -> r.key().equals(BOB))
                .map(r -> EventJson.fromBytes(r.value(), RiskVerdict.class)).toList();
        assertThat(bobs).extracting(RiskVerdict::admittedProcessed).containsExactly(1L, 2L, 3L, 4L);
        assertThat(bobs).extracting(RiskVerdict::verdict).containsOnly(Verdict.ALLOW);
        assertThat(bobs).allSatisfy(v -> assertThat(v.accountKey()).isEqualTo(BOB));
        assertThat(risk.values(risk.decisions(), RiskDecision.class)).singleElement()
                .satisfies(d -> assertThat(d.subjectKey()).isEqualTo(ALICE));
    }

    static String header(Headers headers, String name) {
        return CloudEventHeaders.read(headers, name).orElse(null);
    }
}
