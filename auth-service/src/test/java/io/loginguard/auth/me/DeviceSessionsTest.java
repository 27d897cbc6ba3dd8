package io.loginguard.auth.me;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.config.TestClock;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.EventJson;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device sessions (at most 3), the login history, freeze and the anti-phishing code, on the real servers. */
@QuarkusTest
class DeviceSessionsTest {
    static final String PASSWORD = "Correct1horse";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    PipelineView pipeline;

    @Inject
    TestClock clock;

    @BeforeEach
    void risk() {
        RiskHeartbeatResponder.answering(bootstrap, pipeline);
    }

    @Test
    void aFourthDeviceSignsOutTheEarliestAndTellsTheOwner() {
        String email = "devices-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        List<String> tokens = new ArrayList<>();
        for (int d = 1; d <= 4; d++) {
            tokens.add(login(email, "device-" + d).then().statusCode(201).extract().path("token"));
        }
        me(tokens.get(0)).get("/api/v1/me/sessions").then().statusCode(401);
        List<String> devices = me(tokens.get(3)).get("/api/v1/me/sessions").then().statusCode(200)
                .body("$", hasSize(3)).extract().path("deviceId");
        assertThat(devices).containsExactlyInAnyOrder("device-2", "device-3", "device-4");
        me(tokens.get(3)).get("/api/v1/me/sessions").then().body("find { it.current }.deviceId", equalTo("device-4"));
        await().atMost(Duration.ofSeconds(20)).until(() -> revocations(accountId).size() == 1);
        assertThat(revocations(accountId).get(0).sessionEndReason()).isEqualTo(SecurityEvent.SessionEndReason.DEVICE_LIMIT);
    }

    @Test
    void theSameDeviceLoggingInAgainReplacesItsOwnSession() {
        String email = "same-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        String first = login(email, "phone").then().statusCode(201).extract().path("token");
        String second = login(email, "phone").then().statusCode(201).extract().path("token");
        me(first).get("/api/v1/me/sessions").then().statusCode(401);
        me(second).get("/api/v1/me/sessions").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void fiveParallelLoginsOnFiveDevicesLeaveExactlyThree() {
        String email = "parallel-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        List<CompletableFuture<Response>> logins = new ArrayList<>();
        for (int d = 1; d <= 5; d++) {
            String device = "device-" + d;
            logins.add(CompletableFuture.supplyAsync(() -> login(email, device)));
        }
        List<String> tokens = logins.stream().map(CompletableFuture::join)
                .map(r -> r.then().statusCode(201).extract().<String>path("token")).toList();
        long alive = tokens.stream().filter(t -> me(t).get("/api/v1/me/sessions").statusCode() == 200).count();
        assertThat(alive).isEqualTo(3);
    }

    @Test
    void aSessionEndsAfter30MinutesIdleAndAt24HoursHoweverOftenItIsUsed() {
        String email = "expiry-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        String idle = login(email, "idle").then().statusCode(201).extract().path("token");
        String busy = login(email, "busy").then().statusCode(201).extract().path("token");
        Instant idleSeen = Instant.parse(me(idle).get("/api/v1/me/sessions").then().statusCode(200)
                .extract().path("find { it.current }.lastSeen"));
        Instant busyEnds = Instant.parse(me(busy).get("/api/v1/me/sessions").then().statusCode(200)
                .extract().path("find { it.current }.expiresAt"));
        try {
            // idle: used 29:59 after its last use it lives (and that use counts), 30:00 after it, it is gone
            clock.stopAt(idleSeen.plus(Duration.ofMinutes(29).plusSeconds(59)));
            me(idle).get("/api/v1/me/sessions").then().statusCode(200);
            clock.stopAt(idleSeen.plus(Duration.ofMinutes(59).plusSeconds(58)));
            me(idle).get("/api/v1/me/sessions").then().statusCode(200);
            clock.stopAt(idleSeen.plus(Duration.ofMinutes(89).plusSeconds(58)));
            me(idle).get("/api/v1/me/sessions").then().statusCode(401);

            // absolute: used every 20 minutes, it lives until one second before its end, and not at its end
            Instant at = busyEnds.minus(Duration.ofHours(24));
            while (at.plus(Duration.ofMinutes(20)).isBefore(busyEnds)) {
                at = at.plus(Duration.ofMinutes(20));
                clock.stopAt(at);
                me(busy).get("/api/v1/me/sessions").then().statusCode(200);
            }
            clock.stopAt(busyEnds.minusSeconds(1));
            me(busy).get("/api/v1/me/sessions").then().statusCode(200);
            clock.stopAt(busyEnds);
            me(busy).get("/api/v1/me/sessions").then().statusCode(401);
        } finally {
            clock.run();
        }
    }

    @Test
    void signingOutOthersAndThisOne() {
        String email = "logout-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        String a = login(email, "a").then().statusCode(201).extract().path("token");
        String b = login(email, "b").then().statusCode(201).extract().path("token");
        me(b).delete("/api/v1/me/sessions?scope=others").then().statusCode(204);
        me(a).get("/api/v1/me/sessions").then().statusCode(401);
        me(b).delete("/api/v1/me/sessions?scope=everything").then().statusCode(400);
        me(b).delete("/api/v1/me/sessions/" + UUID.randomUUID()).then().statusCode(404);
        String c = login(email, "c").then().statusCode(201).extract().path("token");
        String cId = me(b).get("/api/v1/me/sessions").then().statusCode(200)
                .extract().path("find { it.deviceId == 'c' }.id");
        me(b).delete("/api/v1/me/sessions/" + cId).then().statusCode(204);
        me(c).get("/api/v1/me/sessions").then().statusCode(401);
        me(b).post("/api/v1/me/logout").then().statusCode(204);
        me(b).get("/api/v1/me/sessions").then().statusCode(401);
        // each of the three ends is on the topic with its reason: the other one, one by id, this one
        await().atMost(Duration.ofSeconds(20)).until(() -> revocations(accountId).size() >= 3);
        assertThat(revocations(accountId)).hasSize(3)
                .allMatch(e -> e.sessionEndReason() == SecurityEvent.SessionEndReason.LOGOUT);
    }

    @Test
    void theLoginHistoryShowsTheAttemptsNewestFirst() {
        String email = "history-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"Wrong1horse\"}")
                .post("/api/v1/sessions").then().statusCode(401);
        String token = login(email, "laptop").then().statusCode(201).extract().path("token");
        me(token).get("/api/v1/me/login-history").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].outcome", equalTo("SUCCEEDED")).body("[0].deviceId", equalTo("laptop"))
                .body("[1].outcome", equalTo("BAD_PASSWORD"));
    }

    @Test
    void freezingEndsEverySessionAndRefusesEveryLogin() {
        String email = "freeze-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        String other = login(email, "tablet").then().statusCode(201).extract().path("token");
        String token = login(email, "phone").then().statusCode(201).extract().path("token");
        me(token).contentType(ContentType.JSON).body("{\"password\":\"Wrong1horse\"}").post("/api/v1/me/freeze")
                .then().statusCode(401);
        me(token).contentType(ContentType.JSON).body("{\"password\":\"" + PASSWORD + "\"}").post("/api/v1/me/freeze")
                .then().statusCode(429); // one try a minute: a stolen session cannot guess the password through it
        me(other).get("/api/v1/me/sessions").then().statusCode(200);
        forgetFreezeTries(accountId);
        me(token).contentType(ContentType.JSON).body("{\"password\":\"" + PASSWORD + "\"}").post("/api/v1/me/freeze")
                .then().statusCode(204);
        me(token).get("/api/v1/me/sessions").then().statusCode(401);
        me(other).get("/api/v1/me/sessions").then().statusCode(401);
        login(email, "phone").then().statusCode(403).body("code", equalTo("account_frozen"));
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshots(accountId).stream()
                .anyMatch(s -> s.status() == AccountSnapshot.Status.FROZEN && s.frozenAt() != null));
    }

    @Test
    void theAntiPhishingCodeIsCarriedInTheAccountsSnapshot() {
        String email = "phish-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        String token = login(email, "phone").then().statusCode(201).extract().path("token");
        me(token).contentType(ContentType.JSON).body("{\"code\":\"x\"}").put("/api/v1/me/anti-phishing-code")
                .then().statusCode(400);
        me(token).contentType(ContentType.JSON).body("{\"code\":\"Blue42Sky\"}").put("/api/v1/me/anti-phishing-code")
                .then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshots(accountId).stream()
                .anyMatch(s -> "Blue42Sky".equals(s.antiPhishingCode())));
    }

    @Inject
    io.loginguard.auth.verification.ResendLimiter limiter;

    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    private void forgetFreezeTries(String accountId) {
        redis.execute("DEL", limiter.key("freeze", accountId));
    }

    private List<SecurityEvent> revocations(String accountId) {
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            return kafka.read(Topics.SECURITY_EVENTS, accountId).stream()
                    .map(r -> EventJson.fromBytes(r.value(), SecurityEvent.class))
                    .filter(e -> e.type() == SecurityEvent.Type.SESSION_REVOKED).toList();
        }
    }

    private List<AccountSnapshot> snapshots(String accountId) {
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            return kafka.read(Topics.ACCOUNTS, accountId).stream()
                    .map(r -> EventJson.fromBytes(r.value(), AccountSnapshot.class)).toList();
        }
    }

    static io.restassured.specification.RequestSpecification me(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    static Response login(String email, String device) {
        return given().contentType(ContentType.JSON).header("X-Device-Id", device)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").post("/api/v1/sessions");
    }
}
