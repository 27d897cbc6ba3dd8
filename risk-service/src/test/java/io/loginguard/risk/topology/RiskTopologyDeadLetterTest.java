package io.loginguard.risk.topology;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.risk.Attempts.at;
import static io.loginguard.risk.topology.RiskTopologyTest.ALICE;
import static io.loginguard.risk.topology.RiskTopologyTest.BOB;
import static io.loginguard.risk.topology.RiskTopologyTest.TRACEPARENT;
import static io.loginguard.risk.topology.RiskTopologyTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.DeadLetterHeaders;
import io.loginguard.events.EventFormatException;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.config.RiskSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records risk cannot process go to risk.dlq, untouched, and the stream goes on. */
class RiskTopologyDeadLetterTest {
    @TempDir
    Path stateDir;

    private RiskTopologyHarness risk;
    private final Attempts alice = new Attempts(ALICE);

    @BeforeEach
    void start() {
        risk = new RiskTopologyHarness(RiskSettings.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        risk.driver().close();
    }

    private void sendRaw(String key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        headers.add("x-origin", "test".getBytes(StandardCharsets.UTF_8));
        risk.sendRaw(key, value, headers, Attempts.T0);
    }

    @Test
    void malformedRecordsGoToTheDlqWithTheirOriginalBytesAndTheNextIsProcessed() {
        byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
        LoginAttempted valid = alice.password(at(0, 0), BAD_PASSWORD);
        byte[] missingOutcome = EventJson.toJson(valid).replace("\"outcome\":\"BAD_PASSWORD\",", "")
                .getBytes(StandardCharsets.UTF_8);

        sendRaw(ALICE, notJson);
        sendRaw(ALICE, missingOutcome);
        risk.send(alice.password(at(1, 0), BAD_PASSWORD), null);

        List<TestRecord<String, byte[]>> dead = risk.deadLetters().readRecordsToList();
        assertThat(dead).hasSize(2);
        assertDeadLetter(dead.get(0), notJson, 0);
        assertDeadLetter(dead.get(1), missingOutcome, 1);
        assertThat(header(dead.get(0).headers(), DeadLetterHeaders.ERROR)).contains("malformed JSON");
        assertThat(header(dead.get(1).headers(), DeadLetterHeaders.ERROR)).contains("outcome");

        // The record without an outcome still carried its account and sequence number: auth admitted it and holds
        // a slot for it, so it is answered too, as a failure; the record that is not JSON at all is not.
        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts).hasSize(2);
        assertThat(verdicts.get(0).sequence()).isEqualTo(1L);
        assertThat(verdicts.get(0).reasons()).containsExactly(RiskVerdict.REASON_UNPROCESSABLE);
        assertThat(verdicts.get(1).admittedProcessed()).isEqualTo(2);
        assertThat(verdicts.get(1).consecutiveFailures()).isEqualTo(2);
    }

    private static void assertDeadLetter(TestRecord<String, byte[]> record, byte[] original, long offset) {
        assertThat(record.key()).isEqualTo(ALICE);
        assertThat(record.value()).isEqualTo(original);
        assertThat(record.timestamp()).isEqualTo(Attempts.T0.toEpochMilli());
        assertThat(header(record.headers(), "x-origin")).isEqualTo("test");
        assertThat(header(record.headers(), CloudEventHeaders.TRACEPARENT)).isEqualTo(TRACEPARENT);
        assertThat(header(record.headers(), DeadLetterHeaders.ERROR_CLASS))
                .isEqualTo(EventFormatException.class.getName());
        assertThat(header(record.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.LOGIN_ATTEMPTS);
        assertThat(header(record.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(record.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(offset));
        assertThat(header(record.headers(), DeadLetterHeaders.CONSUMER)).isEqualTo("risk-service");
    }

    @Test
    void aNullOrEmptyValueGoesToTheDlq() {
        sendRaw(ALICE, null);
        sendRaw(ALICE, new byte[0]);

        assertThat(risk.deadLetters().readRecordsToList()).hasSize(2)
                .allSatisfy(r -> assertThat(header(r.headers(), DeadLetterHeaders.ERROR)).contains("empty"));
        assertThat(risk.verdicts().isEmpty()).isTrue();
    }

    @Test
    void anAttemptUnderAnotherAccountsKeyGoesToTheDlqAndChangesNoState() {
        LoginAttempted attempt = alice.password(at(0, 0), BAD_PASSWORD);

        sendRaw(BOB, EventJson.toBytes(attempt));
        sendRaw(null, EventJson.toBytes(attempt));

        assertThat(risk.deadLetters().readRecordsToList()).hasSize(2)
                .allSatisfy(r -> assertThat(header(r.headers(), DeadLetterHeaders.ERROR)).contains("key"));
        assertThat(risk.verdicts().isEmpty()).isTrue();
        assertThat(risk.driver().getKeyValueStore(RiskTopology.ACCOUNT_STORE).approximateNumEntries()).isZero();
    }

    @Test
    void anEventTimeOutOfRangeGoesToTheDlq() {
        LoginAttempted valid = alice.password(at(0, 0), BAD_PASSWORD);
        String json = EventJson.toJson(valid);
        String tooEarly = json.replace(valid.occurredAt().toString(), "1969-12-31T23:59:59Z");
        String tooLate = json.replace(valid.occurredAt().toString(), "+1000000-01-01T00:00:00Z");

        sendRaw(ALICE, tooEarly.getBytes(StandardCharsets.UTF_8));
        sendRaw(ALICE, tooLate.getBytes(StandardCharsets.UTF_8));

        assertThat(risk.deadLetters().readRecordsToList()).hasSize(2)
                .allSatisfy(r -> assertThat(header(r.headers(), DeadLetterHeaders.ERROR)).contains("occurredAt"));
        // Both were admitted (they carry a sequence number): answered as failures at the records' own time.
        assertThat(risk.values(risk.verdicts(), RiskVerdict.class)).hasSize(2).allSatisfy(v -> {
            assertThat(v.reasons()).containsExactly(RiskVerdict.REASON_UNPROCESSABLE);
            assertThat(v.occurredAt()).isEqualTo(Attempts.T0);
        });
    }
}
