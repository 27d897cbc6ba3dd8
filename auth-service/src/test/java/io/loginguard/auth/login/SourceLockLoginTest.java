package io.loginguard.auth.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginSource;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Risk's lockout mode account-and-source, as auth enforces it: once a verdict names a locked source, a login from
 * that device and address is refused 429 before its password is hashed, whichever password it brings, while the
 * account's other devices log in. Risk is not running: the test writes its verdict as risk would.
 */
@QuarkusTest
class SourceLockLoginTest {
    private static final String PASSWORD = "Correct1horse";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    PipelineView pipeline;

    @Inject
    MeterRegistry registry;

    KafkaProbe kafka;

    @BeforeEach
    void probe() {
        kafka = new KafkaProbe(bootstrap);
        RiskHeartbeatResponder.answering(bootstrap, pipeline);
    }

    @AfterEach
    void closeProbe() {
        kafka.close();
    }

    @Test
    void aLockedSourceIsRefusedBeforeItsPasswordIsCheckedAndTheOwnersDeviceIsNot() {
        String email = "source-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        login(email, "Wrong1horse", "stolen-box").then().statusCode(401);
        // the source as auth put it on the attempt's event: the same device and address the gate will see
        LoginAttempted attempt = kafka.read(Topics.LOGIN_ATTEMPTS, accountId).stream()
                .map(r -> EventJson.fromBytes(r.value(), LoginAttempted.class)).reduce((a, b) -> b).orElseThrow();
        Instant until = Instant.now().plus(Duration.ofMinutes(30));
        lockSource(accountId, attempt.sequence(), LoginSource.digest(attempt.deviceId(), attempt.ip()), until);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(login(email, PASSWORD, "stolen-box").statusCode()).isEqualTo(429));
        double checks = passwordChecks();
        for (String password : List.of(PASSWORD, "Wrong1horse")) {
            Response refused = login(email, password, "stolen-box");
            refused.then().statusCode(429);
            assertThat(refused.jsonPath().getString("code")).isEqualTo("too_frequent");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1700L, 1800L);
        }
        assertThat(passwordChecks()).as("passwords hashed for the locked source").isEqualTo(checks);
        List<LoginAttempted> refusals = kafka.read(Topics.LOGIN_ATTEMPTS, accountId).stream()
                .map(r -> EventJson.fromBytes(r.value(), LoginAttempted.class))
                .filter(a -> a.outcome() == LoginAttempted.Outcome.REJECTED_LOCKED).toList();
        assertThat(refusals).as("every refusal is still on the topic, for risk").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(a -> assertThat(a.deviceId()).isEqualTo("stolen-box"));

        login(email, PASSWORD, "owners-phone").then().statusCode(201);
    }

    private void lockSource(String accountId, Long sequence, String digest, Instant until) {
        RiskVerdict v = new RiskVerdict(UUID.randomUUID(), Instant.now(), accountId, UUID.randomUUID(), sequence, 1,
                RiskVerdict.Verdict.ALLOW, 0, 0, null, List.of(), Instant.now().toEpochMilli() * 1000 + 500, 5, 5, null,
                new TreeMap<>(Map.of(digest, until)));
        kafka.send(Topics.RISK_VERDICTS, accountId, EventJson.toBytes(v));
    }

    private double passwordChecks() {
        return registry.find("loginguard.password.checks").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static Response login(String email, String password, String device) {
        return given().contentType(ContentType.JSON).header("X-Device-Id", device)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/sessions");
    }
}
