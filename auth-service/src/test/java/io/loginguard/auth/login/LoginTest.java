package io.loginguard.auth.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.config.RedisKeys;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.DeadLetterHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.PipelineHeartbeat;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Login against the real broker, PostgreSQL and Redis. Risk is not running here: where a test needs its
 * verdicts, it writes them to risk.verdicts itself, as risk would.
 */
@QuarkusTest
class LoginTest {
    private static final String PASSWORD = "Correct1horse";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    PipelineView pipeline;

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
    void theRightPasswordOpensASession() {
        String email = registered();
        login(email, PASSWORD).then().statusCode(201)
                .body("token", notNullValue())
                .body("tokenType", equalTo("Bearer"))
                .body("accountId", notNullValue());
    }

    @Test
    void noSessionBeforeRiskAllowsTheAttemptThatEarnedIt() {
        RiskHeartbeatResponder risk = RiskHeartbeatResponder.running(bootstrap);
        String email = "login-" + UUID.randomUUID() + "@example.com";
        String accountId = register(email);
        risk.answer(accountId, RiskVerdict.Verdict.STEP_UP);
        login(email, PASSWORD).then().statusCode(403).body("code", equalTo("step_up_required"));
        risk.answer(accountId, RiskVerdict.Verdict.ALLOW);
        risk.pause();
        try {
            long started = System.nanoTime();
            login(email, PASSWORD).then().statusCode(503).body("code", equalTo("risk_unavailable"))
                    .header("Retry-After", notNullValue());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        } finally {
            risk.resume();
        }
        login(email, PASSWORD).then().statusCode(201);
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountAnswerAlike() {
        String email = registered();
        Response wrong = login(email, "Wrong1horse");
        Response unknown = login("nobody-" + UUID.randomUUID() + "@example.com", "Wrong1horse");
        wrong.then().statusCode(401).body("code", equalTo("invalid_credentials"));
        unknown.then().statusCode(401).body("code", equalTo("invalid_credentials"));
        assertThat(unknown.asString()).isEqualTo(wrong.asString());
    }

    @Test
    void everyAttemptIsOnTheTopicWithItsSequenceAndNoSecret() {
        String email = registered();
        String accountId = login(email, PASSWORD).then().statusCode(201).extract().path("accountId");
        login(email, "Wrong1horse").then().statusCode(401);

        // acknowledged by the broker before the answer: already there, no waiting
        List<ConsumerRecord<String, byte[]>> records = kafka.read(Topics.LOGIN_ATTEMPTS, accountId);
        assertThat(records).hasSize(2);
        List<LoginAttempted> attempts = records.stream().map(r -> EventJson.fromBytes(r.value(), LoginAttempted.class)).toList();
        assertThat(attempts.get(1).sequence()).isGreaterThan(attempts.get(0).sequence());
        assertThat(attempts).extracting(LoginAttempted::outcome)
                .containsExactly(LoginAttempted.Outcome.SUCCEEDED, LoginAttempted.Outcome.BAD_PASSWORD);
        for (ConsumerRecord<String, byte[]> r : records) {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            assertThat(value).doesNotContain(PASSWORD).doesNotContain("Wrong1horse");
            assertThat(CloudEventHeaders.attributes(r.headers())).hasValueSatisfying(a -> {
                assertThat(a.type()).isEqualTo("loginguard.auth.LoginAttempted.v1");
                assertThat(a.source()).isEqualTo("/auth");
            });
        }
    }

    @Test
    void anUnknownAccountIsKeyedByAnHmacOfTheIdentifierNotTheIdentifier() {
        String email = "ghost-" + UUID.randomUUID() + "@example.com";
        login(email, "Wrong1horse").then().statusCode(401);
        List<ConsumerRecord<String, byte[]>> all = kafka.read(Topics.LOGIN_ATTEMPTS, null);
        List<LoginAttempted> mine = all.stream().filter(r -> !PipelineHeartbeat.isHeartbeatKey(r.key()))
                .map(r -> EventJson.fromBytes(r.value(), LoginAttempted.class))
                .filter(a -> a.outcome() == LoginAttempted.Outcome.UNKNOWN_ACCOUNT).toList();
        assertThat(mine).isNotEmpty().allSatisfy(a -> assertThat(a.accountKey()).startsWith("unknown:"));
        assertThat(all).noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(email));
    }

    @Test
    void fiveUnconfirmedFailuresRefuseTheSixthEvenWithTheRightPassword() {
        String email = registered();
        for (int i = 0; i < 5; i++) {
            login(email, "Wrong1horse").then().statusCode(401);
        }
        login(email, PASSWORD).then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("code", equalTo("too_frequent"))
                .body("title", equalTo("Operations too frequent"));
    }

    @Test
    void risksLockIsEnforcedWithItsRetryAfter() {
        String email = registered();
        String accountId = login(email, PASSWORD).then().statusCode(201).extract().path("accountId");
        Instant lockedUntil = Instant.now().plus(Duration.ofMinutes(30));
        sendLock(accountId, lockedUntil);

        awaitLockedFor30Minutes(email);
        List<LoginAttempted> refused = kafka.read(Topics.LOGIN_ATTEMPTS, accountId).stream()
                .map(r -> EventJson.fromBytes(r.value(), LoginAttempted.class))
                .filter(a -> a.outcome() == LoginAttempted.Outcome.REJECTED_LOCKED).toList();
        assertThat(refused).isNotEmpty().allSatisfy(a -> assertThat(a.sequence()).isNull());
    }

    @Test
    void aConfirmedStreakLeavesTheRestOfTheThresholdAndNoMore() {
        String email = "login-" + UUID.randomUUID() + "@example.com";
        String accountId = register(email);
        for (int i = 0; i < 3; i++) {
            login(email, "Wrong1horse").then().statusCode(401);
        }
        // risk has answered all three and reports a streak of 1: nothing in flight, four checks left
        List<Long> sequences = kafka.read(Topics.LOGIN_ATTEMPTS, accountId).stream()
                .map(r -> EventJson.fromBytes(r.value(), LoginAttempted.class).sequence()).toList();
        long version = Instant.now().toEpochMilli() * 1000;
        for (Long sequence : sequences) {
            sendVerdict(accountId, sequence, ++version, 1, 4, null);
        }
        String gateKey = keys.admission(accountId);
        await().atMost(Duration.ofSeconds(20)).until(() -> "4".equals(redis.hash(String.class).hget(gateKey, "left"))
                && redis.hash(String.class).hkeys(gateKey).stream().noneMatch(f -> f.startsWith("f:")));
        for (int i = 0; i < 4; i++) {
            login(email, "Wrong1horse").then().statusCode(401);
        }
        login(email, PASSWORD).then().statusCode(429);
    }

    @Test
    void aMalformedVerdictGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String key = "dlq-test-" + UUID.randomUUID();
        kafka.send(Topics.RISK_VERDICTS, key, "{not json".getBytes(StandardCharsets.UTF_8),
                new RecordHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.read(Topics.AUTH_DLQ, key).isEmpty());
        ConsumerRecord<String, byte[]> dead = kafka.read(Topics.AUTH_DLQ, key).get(0);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(dead.headers().lastHeader(DeadLetterHeaders.ERROR)).isNotNull();
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.RISK_VERDICTS);

        // and the next verdict is still applied: a lock on a fresh account takes effect
        String email = registered();
        String accountId = login(email, PASSWORD).then().statusCode(201).extract().path("accountId");
        sendLock(accountId, Instant.now().plus(Duration.ofMinutes(30)));
        awaitLockedFor30Minutes(email);
    }

    /**
     * Until the verdict lands, the test's own unconfirmed logins may fill the threshold (429, Retry-After 1):
     * wait for the lock's answer, whose Retry-After is the rest of the 30 minutes.
     */
    private static void awaitLockedFor30Minutes(String email) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Response r = login(email, PASSWORD);
            r.then().statusCode(429).body("code", equalTo("too_frequent"));
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1700L, 1800L);
        });
    }

    /** A lock risk decided on an attempt of its own (no sequence of ours to answer). */
    private void sendLock(String accountId, Instant lockedUntil) {
        sendVerdict(accountId, null, Instant.now().toEpochMilli() * 1000 + 500, 0, 5, lockedUntil);
    }

    private void sendVerdict(String accountId, Long sequence, long version, int failures, int left, Instant lockedUntil) {
        RiskVerdict v = new RiskVerdict(UUID.randomUUID(), Instant.now(), accountId, UUID.randomUUID(), sequence, 0,
                lockedUntil == null ? RiskVerdict.Verdict.ALLOW : RiskVerdict.Verdict.LOCKED, failures, 0, lockedUntil,
                List.of(), version, left, 5, null);
        kafka.send(Topics.RISK_VERDICTS, accountId, EventJson.toBytes(v));
    }

    @Test
    void aPendingAccountAnswersVerificationRequiredOnlyAfterTheRightPassword() {
        String email = "pending-" + UUID.randomUUID() + "@example.com";
        TestAccounts.register(email, PASSWORD);
        login(email, "Wrong1horse").then().statusCode(401).body("code", equalTo("invalid_credentials"));
        login(email, PASSWORD).then().statusCode(403).body("code", equalTo("verification_required"));
    }

    @Test
    void aSecondRegistrationNeverReplacesThePasswordOfAPendingOne() {
        String email = "pending-" + UUID.randomUUID() + "@example.com";
        TestAccounts.register(email, PASSWORD);
        TestAccounts.awaitCode(bootstrap, email);
        redis.execute("DEL", limiter.key("codes", email));
        TestAccounts.register(email, "Attacker1pass");
        await().atMost(Duration.ofSeconds(20)).until(() -> TestAccounts.requestsTo(bootstrap, email).size() == 2);
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"code\":\"" + TestAccounts.newestCode(bootstrap, email).orElseThrow() + "\"}")
                .post("/api/v1/accounts/verification").then().statusCode(200);
        login(email, "Attacker1pass").then().statusCode(401);
        login(email, PASSWORD).then().statusCode(201);
    }

    @Inject
    ResendLimiter limiter;

    String registered() {
        String email = "login-" + UUID.randomUUID() + "@example.com";
        register(email);
        return email;
    }

    /** Registers and verifies the email and returns the new account's id. */
    String register(String email) {
        return TestAccounts.active(bootstrap, email, PASSWORD);
    }

    static Response login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/sessions");
    }
}
