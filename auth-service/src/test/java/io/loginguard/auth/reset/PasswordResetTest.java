package io.loginguard.auth.reset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.config.TestClock;
import io.loginguard.auth.factor.Totp;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.SealedParams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forgot password: a link valid for one hour, single use, the second factor still asked, every session ended. */
@QuarkusTest
class PasswordResetTest {
    static final String PASSWORD = "Correct1horse";
    static final String NEW_PASSWORD = "Brand2new-horse";

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
    void aLinkSetsANewPasswordOnceAndEndsEverySession() {
        String email = "reset-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        String before = login(email, PASSWORD).then().statusCode(201).extract().path("token");
        String token = askForLink(email);

        complete(token, "short", null, null).then().statusCode(400).body("code", equalTo("password_too_short"));
        complete(token, NEW_PASSWORD, null, null).then().statusCode(204);
        complete(token, "Another3horse", null, null).then().statusCode(400).body("code", equalTo("invalid_token"));

        given().header("Authorization", "Bearer " + before).get("/api/v1/me/sessions").then().statusCode(401);
        login(email, PASSWORD).then().statusCode(401);
        login(email, NEW_PASSWORD).then().statusCode(201);
    }

    @Test
    void anUnknownIdentifierGetsTheSameAnswerAndNothingIsSent() {
        String email = "nobody-" + UUID.randomUUID() + "@example.com";
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\"}").post("/api/v1/password-resets")
                .then().statusCode(202).body("status", equalTo("reset_link_sent_if_registered"));
        assertThat(TestAccounts.requestsTo(bootstrap, email)).isEmpty();
    }

    @Test
    void aLinkIsGoodAt59m59sAndRefusedAt60m00s() {
        String early = "edge-early-" + UUID.randomUUID() + "@example.com";
        String late = "edge-late-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, early, PASSWORD);
        TestAccounts.active(bootstrap, late, PASSWORD);
        // the column keeps microseconds, rounding the rest: an expiry rounded up would still be ahead at 60:00
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            clock.stopAt(t0);
            String earlyToken = askForLink(early);
            String lateToken = askForLink(late);
            clock.stopAt(t0.plus(Duration.ofMinutes(59).plusSeconds(59)));
            complete(earlyToken, NEW_PASSWORD, null, null).then().statusCode(204);
            clock.stopAt(t0.plus(Duration.ofMinutes(60)));
            complete(lateToken, NEW_PASSWORD, null, null).then().statusCode(400).body("code", equalTo("token_expired"));
        } finally {
            clock.run();
        }
        login(early, NEW_PASSWORD).then().statusCode(201);
        login(late, PASSWORD).then().statusCode(201);
    }

    @Test
    void withOnlyEmailCodesTheResetSendsACodeAndTakesIt() {
        String email = "reset-email-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        String session = login(email, PASSWORD).then().statusCode(201).extract().path("token");
        String factorAddress = "codes-" + UUID.randomUUID() + "@example.com";
        TestAccounts.enableEmailFactor(bootstrap, session, factorAddress);

        String token = askForLink(email);
        complete(token, NEW_PASSWORD, null, null).then().statusCode(403).body("code", equalTo("second_factor_required"));
        sendCode(token, "SMS").then().statusCode(400).body("code", equalTo("method_not_available"));
        int before = TestAccounts.requestsTo(bootstrap, factorAddress).size();
        sendCode(token, "EMAIL").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> TestAccounts.requestsTo(bootstrap, factorAddress).size() > before);
        String code = TestAccounts.awaitCode(bootstrap, factorAddress);
        complete(token, NEW_PASSWORD, "EMAIL_CODE", code).then().statusCode(204);
        sendCode(token, "EMAIL").then().statusCode(400).body("code", equalTo("invalid_token"));
        login(email, NEW_PASSWORD).then().statusCode(200).body("status", equalTo("second_factor_required"));
    }

    @Test
    void wrongCodesOnALinkAreCountedAndThenRefused() {
        String email = "reset-guess-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        List<String> backup = withTotp(email);
        String token = askForLink(email);
        for (int i = 0; i < 5; i++) {
            complete(token, NEW_PASSWORD, "BACKUP_CODE", "aaaaa-aaaa" + i).then().statusCode(401)
                    .body("code", equalTo("invalid_code"));
        }
        Response refused = complete(token, NEW_PASSWORD, "BACKUP_CODE", backup.get(0));
        refused.then().statusCode(429).body("code", equalTo("too_frequent"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1700L, 1800L);
        login(email, PASSWORD).then().statusCode(200).body("status", equalTo("second_factor_required"));
    }

    @Test
    void aLinkSentTwiceAtOnceSucceedsOnce() {
        String email = "twice-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        String token = askForLink(email);
        List<CompletableFuture<Integer>> both = List.of(
                CompletableFuture.supplyAsync(() -> complete(token, NEW_PASSWORD, null, null).statusCode()),
                CompletableFuture.supplyAsync(() -> complete(token, "Other4horse", null, null).statusCode()));
        List<Integer> codes = both.stream().map(CompletableFuture::join).sorted().toList();
        assertThat(codes).containsExactly(204, 400);
    }

    @Test
    void withTotpOnTheResetStillAsksForTheSecondFactor() {
        String email = "reset2fa-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        List<String> backup = withTotp(email);

        String token = askForLink(email);
        complete(token, NEW_PASSWORD, null, null).then().statusCode(403).body("code", equalTo("second_factor_required"));
        complete(token, NEW_PASSWORD, "BACKUP_CODE", "aaaaa-aaaaa").then().statusCode(401).body("code", equalTo("invalid_code"));
        complete(token, NEW_PASSWORD, "BACKUP_CODE", backup.get(0)).then().statusCode(204);
        login(email, NEW_PASSWORD).then().statusCode(200).body("status", equalTo("second_factor_required"));
    }

    private String askForLink(String email) {
        int before = TestAccounts.requestsTo(bootstrap, email).size();
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\"}").post("/api/v1/password-resets")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestAccounts.requestsTo(bootstrap, email).size() > before);
        NotificationRequested sent = TestAccounts.requestsTo(bootstrap, email).get(before);
        assertThat(sent.template()).isEqualTo("password-reset-link");
        assertThat(Duration.between(sent.occurredAt(), sent.expiresAt())).isEqualTo(Duration.ofHours(1));
        String link = SealedParams.open(sent.sealedParams(), sent.requestId().toString(), TestAccounts.DEV_KEYS).get("link");
        assertThat(link).contains("token=");
        return link.substring(link.indexOf("token=") + 6);
    }

    static Response complete(String token, String password, String method, String code) {
        String body = method == null ? "{\"password\":\"" + password + "\"}"
                : "{\"password\":\"" + password + "\",\"method\":\"" + method + "\",\"code\":\"" + code + "\"}";
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/password-resets/" + token);
    }

    /** Logs in, turns TOTP on with a first code, and returns the backup codes it gave. */
    private static List<String> withTotp(String email) {
        String session = login(email, PASSWORD).then().statusCode(201).extract().path("token");
        String secret = given().header("Authorization", "Bearer " + session).post("/api/v1/me/totp")
                .then().statusCode(201).extract().path("secret");
        Totp totp = new Totp(Duration.ofSeconds(30), 6, 1);
        byte[] key = io.loginguard.auth.factor.TestBase32.decode(secret);
        return given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"code\":\"" + totp.code(key, totp.stepAt(Instant.now())) + "\"}")
                .post("/api/v1/me/totp/confirmation").then().statusCode(200).extract().path("backupCodes");
    }

    static Response sendCode(String token, String channel) {
        return given().contentType(ContentType.JSON).body("{\"channel\":\"" + channel + "\"}")
                .post("/api/v1/password-resets/" + token + "/codes");
    }

    static Response login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").post("/api/v1/sessions");
    }
}
