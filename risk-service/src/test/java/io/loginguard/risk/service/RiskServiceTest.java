package io.loginguard.risk.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.DeadLetterHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.loginguard.testinfra.metrics.PrometheusText;
import io.loginguard.testinfra.quarkus.LoginguardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The running service (Quarkus, Kafka Streams, at-least-once with idempotent processing) against the real broker. */
@QuarkusTest
@QuarkusTestResource(value = LoginguardTestResource.class, initArgs = @ResourceArg(name = "kafka-streams", value = "true"))
class RiskServiceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaProbe kafka;

    @BeforeEach
    void probe() {
        kafka = new KafkaProbe(bootstrap);
    }

    @AfterEach
    void closeProbe() {
        kafka.close();
    }

    @Test
    void isReady() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.find { it.name == 'kafka-streams-running' }.data.state", equalTo("RUNNING")));
    }

    /**
     * Also: each output keeps its attempt's traceparent through Kafka Streams on the broker (the locking attempt's
     * trace goes on in the LOCKED decision), and the lock is counted on /q/metrics.
     */
    @Test
    void fiveBadPasswordsOnTheTopicLockTheAccount() {
        String account = UUID.randomUUID().toString();
        Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
        double locksBefore = metric("loginguard_risk_decisions_total", "type=\"LOCKED\"");
        List<String> traces = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String traceparent = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b" + i + "-01";
            traces.add(traceparent);
            send(account, attempt(account, t0.plusSeconds(i), (long) i), traceparent);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.read(Topics.RISK_VERDICTS, account).size() == 5);

        List<ConsumerRecord<String, byte[]>> records = kafka.read(Topics.RISK_VERDICTS, account);
        List<RiskVerdict> verdicts = records.stream().map(r -> EventJson.fromBytes(r.value(), RiskVerdict.class)).toList();
        assertThat(verdicts).extracting(RiskVerdict::admittedProcessed).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(verdicts.get(3).verdict()).isEqualTo(RiskVerdict.Verdict.ALLOW);
        assertThat(verdicts.get(4).verdict()).isEqualTo(RiskVerdict.Verdict.LOCKED);
        assertThat(verdicts.get(4).lockedUntil()).isEqualTo(t0.plusSeconds(5).plus(Duration.ofMinutes(30)));
        assertThat(CloudEventHeaders.attributes(records.get(4).headers()))
                .hasValueSatisfying(a -> assertThat(a.type()).isEqualTo("loginguard.risk.RiskVerdict.v1"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.read(Topics.RISK_DECISIONS, account).isEmpty());
        assertThat(kafka.read(Topics.RISK_DECISIONS, account))
                .extracting(r -> EventJson.fromBytes(r.value(), RiskDecision.class).type())
                .containsExactly(RiskDecision.Type.LOCKED);
        assertThat(kafka.read(Topics.RISK_ACCOUNT_STATE, account)).isNotEmpty();

        assertThat(records).extracting(r -> CloudEventHeaders.read(r.headers(), CloudEventHeaders.TRACEPARENT).orElse(null))
                .as("each verdict in its attempt's trace").containsExactlyElementsOf(traces);
        assertThat(kafka.read(Topics.RISK_DECISIONS, account)).extracting(r ->
                CloudEventHeaders.read(r.headers(), CloudEventHeaders.TRACEPARENT).orElse(null)).containsExactly(traces.get(4));
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.read(Topics.RISK_ACCOUNT_STATE, account).size() == 5);
        assertThat(kafka.read(Topics.RISK_ACCOUNT_STATE, account)).extracting(r ->
                CloudEventHeaders.read(r.headers(), CloudEventHeaders.TRACEPARENT).orElse(null)).containsExactlyElementsOf(traces);
        assertThat(metric("loginguard_risk_decisions_total", "type=\"LOCKED\"") - locksBefore).isEqualTo(1.0);
    }

    @Test
    void aMalformedAttemptGoesToTheDeadLetterTopicAndProcessingGoesOn() {
        String bad = UUID.randomUUID().toString();
        String counted = "source=\"" + Topics.LOGIN_ATTEMPTS + "\"";
        double deadBefore = metric("loginguard_dead_letters_total", counted);
        kafka.send(Topics.LOGIN_ATTEMPTS, bad, "{not json".getBytes(StandardCharsets.UTF_8));
        String good = UUID.randomUUID().toString();
        send(good, attempt(good, Instant.parse("2026-11-24T11:00:00Z"), 1L));

        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.read(Topics.RISK_VERDICTS, good).size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.read(Topics.RISK_DLQ, bad).isEmpty());
        ConsumerRecord<String, byte[]> dead = kafka.read(Topics.RISK_DLQ, bad).get(0);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.LOGIN_ATTEMPTS);
        assertThat(dead.headers().lastHeader(DeadLetterHeaders.ERROR)).isNotNull();
        assertThat(kafka.read(Topics.RISK_VERDICTS, bad)).isEmpty();
        assertThat(metric("loginguard_dead_letters_total", counted, "dlq=\"" + Topics.RISK_DLQ + "\"") - deadBefore).isEqualTo(1.0);
    }

    @Test
    void theAccountQueryAnswersFromTheStoresAndUnknownIdsAreProblems() {
        String account = UUID.randomUUID().toString();
        Instant t0 = Instant.parse("2026-11-24T12:00:00Z");
        for (int i = 1; i <= 2; i++) {
            send(account, attempt(account, t0.plusSeconds(i), (long) i));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/v1/risk/accounts/" + account).then().statusCode(200)
                        .body("accountKey", equalTo(account))
                        .body("counters.consecutiveFailures", equalTo(2))
                        .body("counters.checksLeft", equalTo(3))
                        .body("frozen", equalTo(false)));

        given().get("/api/v1/risk/accounts/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("unknown_account"))
                .body("status", equalTo(404));
    }

    /** The sum of the samples of a metric on /q/metrics whose labels include every one given (0 when none). */
    static double metric(String name, String... labels) {
        return PrometheusText.sum(given().get("/q/metrics").then().statusCode(200).extract().asString(), name, labels);
    }

    private void send(String key, LoginAttempted attempt) {
        send(key, attempt, null);
    }

    private void send(String key, LoginAttempted attempt, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, attempt, traceparent);
        kafka.send(Topics.LOGIN_ATTEMPTS, key, EventJson.toBytes(attempt), headers.toArray());
    }

    private static LoginAttempted attempt(String account, Instant at, Long sequence) {
        return new LoginAttempted(UUID.randomUUID(), at, account, UUID.randomUUID(), sequence, LoginAttempted.Stage.PASSWORD,
                LoginAttempted.Outcome.BAD_PASSWORD, LoginAttempted.Method.EMAIL_PASSWORD, "203.0.113.7", null, null, null,
                "device-1", "test", null);
    }
}
