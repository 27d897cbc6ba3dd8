package io.loginguard.risk.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.loginguard.testinfra.quarkus.LoginguardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IP throttling in the running service on the real broker (at-least-once, idempotent): the attempts go through the two
 * repartition topics Kafka Streams creates, every attempt gets one verdict, and the address is queryable.
 */
@QuarkusTest
@QuarkusTestResource(value = LoginguardTestResource.class, initArgs = @ResourceArg(name = "kafka-streams", value = "true"))
class RiskIpThrottleServiceTest {

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
    void oneAddressSprayingAccountsIsThrottledOnTheRealBrokerAndQueryable() throws InterruptedException {
        String ip = "192.0.2." + (1 + (int) (Math.random() * 250));
        Instant t0 = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String account = UUID.randomUUID().toString();
            accounts.add(account);
            send(account, attempt(account, t0.plusSeconds(i), ip, LoginAttempted.Outcome.BAD_PASSWORD));
        }
        // the throttle comes back from the address's task asynchronously: wait for the decision, then attempt again
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.read(Topics.RISK_DECISIONS, "ip:" + ip).isEmpty());
        RiskDecision decision = EventJson.fromBytes(kafka.read(Topics.RISK_DECISIONS, "ip:" + ip).get(0).value(),
                RiskDecision.class);
        assertThat(decision.type()).isEqualTo(RiskDecision.Type.IP_THROTTLED);
        // which account's attempt is the 10th the address's task sees depends on how the six account partitions'
        // writes interleave in its partition (README, "IP throttling"): one of the ten, whichever it was
        assertThat(decision.details()).containsEntry("accounts", "10").containsEntry("reason", "ip.too-many-accounts");
        assertThat(accounts).contains(decision.details().get("accountId"));

        String victim = UUID.randomUUID().toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            // each try is a new attempt; each is answered, and the tries end with one answered THROTTLED
            LoginAttempted tried = attempt(victim, t0.plusSeconds(30), ip, LoginAttempted.Outcome.SUCCEEDED);
            send(victim, tried);
            RiskVerdict answer = await().atMost(Duration.ofSeconds(10)).until(() -> kafka.read(Topics.RISK_VERDICTS, victim)
                    .stream().map(r -> EventJson.fromBytes(r.value(), RiskVerdict.class))
                    .filter(v -> v.attemptId().equals(tried.attemptId())).findFirst(), java.util.Optional::isPresent).get();
            return answer.verdict() == RiskVerdict.Verdict.THROTTLED;
        });
        for (String account : accounts) {
            assertThat(kafka.read(Topics.RISK_VERDICTS, account)).hasSize(1);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/risk/ips/" + ip).then().statusCode(200)
                        .body("ip", equalTo(ip))
                        .body("throttled", equalTo(true))
                        .body("throttledUntil", notNullValue())
                        .body("accountsInWindow", equalTo(10))
                        .body("limits.maxAttempts", equalTo(20)));
    }

    @Test
    void anUnknownAddressIs404AndAMalformedOne400WithCodes() {
        // 503 risk_state_unavailable until the stream threads run; then a never-seen address is a 404
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/v1/risk/ips/198.51.100.254").then().statusCode(404)
                        .contentType("application/problem+json").body("code", equalTo("unknown_ip")));
        given().get("/api/v1/risk/ips/not-an-ip").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("invalid_ip"));
        given().get("/api/v1/risk/ips/300.1.1.1").then().statusCode(400).body("code", equalTo("invalid_ip"));
    }

    private void send(String key, LoginAttempted attempt) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, attempt);
        kafka.send(Topics.LOGIN_ATTEMPTS, key, EventJson.toBytes(attempt), headers.toArray());
    }

    private static LoginAttempted attempt(String account, Instant at, String ip, LoginAttempted.Outcome outcome) {
        return new LoginAttempted(UUID.randomUUID(), at, account, UUID.randomUUID(), null, LoginAttempted.Stage.PASSWORD,
                outcome, LoginAttempted.Method.EMAIL_PASSWORD, ip, "NL", null, null, "bot", "test", null);
    }
}
