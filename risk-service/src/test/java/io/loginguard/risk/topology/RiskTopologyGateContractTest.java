package io.loginguard.risk.topology;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.events.LoginAttempted.Outcome.SUCCEEDED;
import static io.loginguard.risk.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.PipelineHeartbeat;
import io.loginguard.events.PipelineHeartbeatEcho;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.config.LockoutSettings;
import io.loginguard.risk.config.RiskSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What auth's admission gate relies on from risk: heartbeats answered in partition order without touching state,
 * versions that only grow, the checks left, every admitted attempt answered even when unreadable, and unknown
 * identifiers' keys forgotten once idle.
 */
class RiskTopologyGateContractTest {
    static final String ALICE = "7d1b2c9e-3f44-4a51-9a0e-6f2d8f0b1c11";
    static final String UNKNOWN = "unknown:0123456789abcdef";

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
    void aHeartbeatIsEchoedWithRisksThresholdsAndTouchesNoState() {
        RiskTopologyHarness risk = harness(new RiskSettings(LockoutSettings.defaults().withThreshold(3)));
        PipelineHeartbeat heartbeat = new PipelineHeartbeat(UUID.randomUUID(), Attempts.T0, "node-a", 0);
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, heartbeat, null);
        risk.sendRaw(heartbeat.key(), EventJson.toBytes(heartbeat), headers, Attempts.T0);

        List<TestRecord<String, byte[]>> out = risk.verdicts().readRecordsToList();
        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("heartbeat:node-a");
            PipelineHeartbeatEcho echo = EventJson.fromBytes(r.value(), PipelineHeartbeatEcho.class);
            assertThat(echo.heartbeatId()).isEqualTo(heartbeat.eventId());
            assertThat(echo.sentAt()).isEqualTo(heartbeat.occurredAt());
            assertThat(echo.passwordThreshold()).isEqualTo(3);
            assertThat(echo.secondFactorThreshold()).isEqualTo(5);
            assertThat(echo.partition()).isZero();
        });
        assertThat(risk.accountStates().isEmpty()).isTrue();
        assertThat(risk.deadLetters().isEmpty()).isTrue();
        KeyValueStore<String, RiskEntry> store = risk.driver().getKeyValueStore(RiskTopology.ACCOUNT_STORE);
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void aMalformedHeartbeatGoesToTheDeadLetterTopicAndTheNextIsStillAnswered() {
        RiskTopologyHarness risk = harness(RiskSettings.defaults());
        risk.sendRaw("heartbeat:node-a", "{".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Attempts.T0);
        PipelineHeartbeat heartbeat = new PipelineHeartbeat(UUID.randomUUID(), Attempts.T0, "node-a", 0);
        risk.sendRaw(heartbeat.key(), EventJson.toBytes(heartbeat), new RecordHeaders(), Attempts.T0);

        assertThat(risk.deadLetters().readRecordsToList()).hasSize(1);
        assertThat(risk.values(risk.verdicts(), PipelineHeartbeatEcho.class))
                .extracting(PipelineHeartbeatEcho::heartbeatId).containsExactly(heartbeat.eventId());
    }

    @Test
    void versionsOnlyGrowAndChecksLeftCountDownToTheLock() {
        RiskTopologyHarness risk = harness(RiskSettings.defaults());
        Attempts alice = new Attempts(ALICE);
        for (int i = 0; i < 5; i++) {
            risk.send(alice.password(at(0, i), BAD_PASSWORD), null);
        }
        risk.send(alice.password(at(0, 10), SUCCEEDED), null);

        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts).extracting(RiskVerdict::checksLeft).containsExactly(4, 3, 2, 1, 5, 5);
        assertThat(verdicts.get(4).verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(verdicts).extracting(RiskVerdict::version).isSorted().doesNotHaveDuplicates();
        assertThat(verdicts.get(0).version()).isEqualTo(Attempts.T0.toEpochMilli() * 1000);
        List<AccountRiskState> states = risk.values(risk.accountStates(), AccountRiskState.class);
        assertThat(states).extracting(AccountRiskState::version)
                .containsExactlyElementsOf(verdicts.stream().map(RiskVerdict::version).toList());
        assertThat(states).extracting(AccountRiskState::checksLeft).containsExactly(4, 3, 2, 1, 5, 5);
    }

    @Test
    void anUnreadableAdmittedAttemptIsAnsweredAsAFailureAndStillDeadLettered() {
        RiskTopologyHarness risk = harness(RiskSettings.defaults());
        Attempts alice = new Attempts(ALICE);
        for (int i = 0; i < 4; i++) {
            risk.send(alice.password(at(0, i), BAD_PASSWORD), null);
        }
        String broken = "{\"accountKey\":\"" + ALICE + "\",\"sequence\":5,\"occurredAt\":\"2026-11-24T10:00:05Z\","
                + "\"outcome\":\"BAD_PASSWORD\"}"; // no ids, stage or method
        risk.sendRaw(ALICE, broken.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Attempts.T0.plusSeconds(5));

        assertThat(risk.deadLetters().readRecordsToList()).hasSize(1);
        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        RiskVerdict last = verdicts.get(4);
        assertThat(last.sequence()).isEqualTo(5L);
        assertThat(last.admittedProcessed()).isEqualTo(5);
        assertThat(last.reasons()).contains(RiskVerdict.REASON_UNPROCESSABLE);
        assertThat(last.verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(last.lockedUntil()).isEqualTo(Attempts.T0.plusSeconds(5).plus(Duration.ofMinutes(30)));
    }

    @Test
    void anUnreadableRecordWithoutASequenceIsOnlyDeadLettered() {
        RiskTopologyHarness risk = harness(RiskSettings.defaults());
        risk.sendRaw(ALICE, "{not json".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Attempts.T0);
        risk.sendRaw(ALICE, "{\"sequence\":\"7\"}".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Attempts.T0);

        assertThat(risk.deadLetters().readRecordsToList()).hasSize(2);
        assertThat(risk.verdicts().isEmpty()).isTrue();
        assertThat(risk.accountStates().isEmpty()).isTrue();
    }

    @Test
    void anAdmittedAttemptOfAnOutcomeRiskDoesNotKnowCountsAsAFailure() {
        RiskTopologyHarness risk = harness(RiskSettings.defaults());
        LoginAttempted attempt = new Attempts(ALICE).password(at(0, 0), BAD_PASSWORD);
        String json = EventJson.toJson(attempt).replace("\"BAD_PASSWORD\"", "\"PASSKEY_REJECTED\"");
        risk.sendRaw(ALICE, json.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), attempt.occurredAt());

        RiskVerdict verdict = risk.values(risk.verdicts(), RiskVerdict.class).get(0);
        assertThat(verdict.consecutiveFailures()).isEqualTo(1);
        assertThat(verdict.checksLeft()).isEqualTo(4);
        assertThat(verdict.reasons()).contains(RiskVerdict.REASON_UNPROCESSABLE);
        assertThat(risk.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void anIdleUnknownIdentifierIsForgottenButARealAccountNeverIs() {
        RiskTopologyHarness risk = harness(RiskSettings.defaults());
        Attempts unknown = new Attempts(UNKNOWN);
        Attempts alice = new Attempts(ALICE);
        for (int i = 0; i < 3; i++) {
            risk.send(unknown.password(at(0, i), LoginAttempted.Outcome.UNKNOWN_ACCOUNT), null);
            risk.send(alice.password(at(0, i), BAD_PASSWORD), null);
        }
        risk.values(risk.verdicts(), RiskVerdict.class);
        risk.accountStates().readRecordsToList();

        // 25 hours later, in stream time: the hourly sweep deletes the idle unknown key and tells auth.
        risk.send(new Attempts("other-account").password(Duration.ofHours(25), SUCCEEDED), null);
        TestOutputTopic<String, byte[]> states = risk.accountStates();
        List<TestRecord<String, byte[]>> written = states.readRecordsToList();
        assertThat(written).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(UNKNOWN);
            assertThat(r.value()).isNull();
        });
        KeyValueStore<String, RiskEntry> store = risk.driver().getKeyValueStore(RiskTopology.ACCOUNT_STORE);
        assertThat(store.get(UNKNOWN)).isNull();
        List<String> unknownKeys = new java.util.ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(e -> {
                if (e.key.startsWith(UNKNOWN)) {
                    unknownKeys.add(e.key);
                }
            });
        }
        assertThat(unknownKeys).as("the unknown key's remembered outputs go with it").isEmpty();
        assertThat(store.get(ALICE).state().consecutiveFailures()).isEqualTo(3);

        risk.send(unknown.password(Duration.ofHours(25).plusMinutes(1), LoginAttempted.Outcome.UNKNOWN_ACCOUNT), null);
        risk.send(alice.password(Duration.ofHours(25).plusMinutes(1), BAD_PASSWORD), null);
        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts).extracting(RiskVerdict::accountKey, RiskVerdict::consecutiveFailures)
                .contains(org.assertj.core.groups.Tuple.tuple(UNKNOWN, 1), org.assertj.core.groups.Tuple.tuple(ALICE, 4));
    }

    @Test
    void anIdleUnknownIdentifierIsForgottenByItsNextAttemptEvenBeforeASweep() {
        RiskTopologyHarness risk = harness(new RiskSettings(LockoutSettings.defaults(), Duration.ofHours(24),
                Duration.ofDays(30)));
        Attempts unknown = new Attempts(UNKNOWN);
        for (int i = 0; i < 4; i++) {
            risk.send(unknown.password(at(0, i), LoginAttempted.Outcome.UNKNOWN_ACCOUNT), null);
        }
        risk.send(unknown.password(Duration.ofHours(24).plusSeconds(3), LoginAttempted.Outcome.UNKNOWN_ACCOUNT), null);

        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts.get(4).consecutiveFailures()).isEqualTo(1);
        assertThat(verdicts.get(4).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(verdicts.get(4).version()).isGreaterThan(verdicts.get(3).version());
    }
}
