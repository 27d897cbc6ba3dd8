package io.loginguard.auth.factor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TOTP enrolment, backup codes, and the login's second step, against the real broker, PostgreSQL and Redis. */
@QuarkusTest
class SecondFactorLoginTest {
    static final String PASSWORD = "Correct1horse";
    final Totp totp = new Totp(Duration.ofSeconds(30), 6, 1);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    PipelineView pipeline;

    @BeforeEach
    void risk() {
        RiskHeartbeatResponder.answering(bootstrap, pipeline);
    }

    /** An account with TOTP on; returns its email, secret and backup codes. */
    /** @param confirmationCode the code the enrolment's confirmation used (spent) */
    record Enrolled(String email, String accountId, byte[] secret, List<String> backupCodes, String confirmationCode) {
    }

    Enrolled enrolled() {
        String email = "totp-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        String token = login(email, PASSWORD).then().statusCode(201).extract().path("token");
        Response started = given().header("Authorization", "Bearer " + token).post("/api/v1/me/totp");
        started.then().statusCode(201).body("otpauthUri", org.hamcrest.Matchers.startsWith("otpauth://totp/"));
        String secret = started.path("secret");
        assertThat(secret).hasSize(16).matches("[A-Z2-7]+");
        byte[] png = given().header("Authorization", "Bearer " + token).get("/api/v1/me/totp/qr.png")
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        byte[] key = Base32.decode(secret);
        String confirmation = totp.code(key, totp.stepAt(Instant.now()));
        List<String> backup = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"code\":\"" + confirmation + "\"}")
                .post("/api/v1/me/totp/confirmation").then().statusCode(200)
                .body("backupCodes", hasSize(10)).extract().path("backupCodes");
        return new Enrolled(email, accountId, key, backup, confirmation);
    }

    @Test
    void withTotpOnTheRightPasswordOpensAChallengeAndTheNextCodeOpensTheSession() {
        Enrolled e = enrolled();
        Response challenge = login(e.email(), PASSWORD);
        challenge.then().statusCode(200).body("status", equalTo("second_factor_required"))
                .body("challengeId", notNullValue()).body("methods", contains("TOTP", "BACKUP_CODE"))
                .body("expiresAt", notNullValue());
        // the confirmation used this step's code: the next step's (within the drift) is the one still unused
        String next = totp.code(e.secret(), totp.stepAt(Instant.now()) + 1);
        second(challenge.path("challengeId"), "TOTP", next).then().statusCode(201).body("token", notNullValue());
        second(challenge.path("challengeId"), "TOTP", next).then().statusCode(401).body("code", equalTo("invalid_challenge"));
    }

    @Test
    void aCodeAlreadyUsedIsRefusedAndTheWrongCodeIsRecordedAsASecondFactorFailure() {
        Enrolled e = enrolled();
        // the code the confirmation spent, whatever step it is now (computing "this step's" code here failed once when
        // a 30 s step ended between the enrolment and this line: that code had never been used)
        String used = e.confirmationCode();
        String challenge = login(e.email(), PASSWORD).then().statusCode(200).extract().path("challengeId");
        second(challenge, "TOTP", used).then().statusCode(401).body("code", equalTo("invalid_code"));
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            List<LoginAttempted> attempts = kafka.read(Topics.LOGIN_ATTEMPTS, e.accountId()).stream()
                    .map(r -> EventJson.fromBytes(r.value(), LoginAttempted.class))
                    .filter(a -> a.stage() == LoginAttempted.Stage.SECOND_FACTOR).toList();
            assertThat(attempts).singleElement().satisfies(a -> {
                assertThat(a.outcome()).isEqualTo(LoginAttempted.Outcome.BAD_CODE);
                assertThat(a.method()).isEqualTo(LoginAttempted.Method.TOTP);
                assertThat(a.sequence()).isNotNull();
            });
        }
    }

    @Test
    void aBackupCodeWorksOnceAndANewSetRetiresTheOld() {
        Enrolled e = enrolled();
        String code = e.backupCodes().get(3);
        String first = login(e.email(), PASSWORD).then().statusCode(200).extract().path("challengeId");
        second(first, "BACKUP_CODE", code).then().statusCode(201);
        String again = login(e.email(), PASSWORD).then().statusCode(200).extract().path("challengeId");
        second(again, "BACKUP_CODE", code).then().statusCode(401).body("code", equalTo("invalid_code"));
        String token = second(again, "BACKUP_CODE", e.backupCodes().get(4)).then().statusCode(201).extract().path("token");

        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"method\":\"BACKUP_CODE\",\"code\":\"" + code + "\"}")
                .post("/api/v1/me/backup-codes").then().statusCode(401).body("code", equalTo("invalid_code"));
        List<String> fresh = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"method\":\"BACKUP_CODE\",\"code\":\"" + e.backupCodes().get(5) + "\"}")
                .post("/api/v1/me/backup-codes").then().statusCode(200).body("backupCodes", hasSize(10))
                .extract().path("backupCodes");
        String third = login(e.email(), PASSWORD).then().statusCode(200).extract().path("challengeId");
        second(third, "BACKUP_CODE", e.backupCodes().get(6)).then().statusCode(401);
        second(third, "BACKUP_CODE", fresh.get(0)).then().statusCode(201);
    }

    @Test
    void aMethodTheAccountDoesNotHaveAndAnUnknownChallengeAreRefused() {
        Enrolled e = enrolled();
        String challenge = login(e.email(), PASSWORD).then().statusCode(200).extract().path("challengeId");
        second(challenge, "SMS_CODE", "123456").then().statusCode(400).body("code", equalTo("method_not_available"));
        second("x".repeat(32), "TOTP", "123456").then().statusCode(401).body("code", equalTo("invalid_challenge"));
        given().contentType(ContentType.JSON).body("{\"method\":\"TOTP\"}")
                .post("/api/v1/sessions/challenges/" + challenge).then().statusCode(400);
    }

    @Test
    void theFactorEndpointsNeedASession() {
        given().post("/api/v1/me/totp").then().statusCode(401).body("code", equalTo("unauthorized"));
        given().header("Authorization", "Bearer nonsense").post("/api/v1/me/totp").then().statusCode(401);
    }

    @Test
    void codesBySmsAreAFactorOnceTheNumberIsProvenAndLogInThroughTheChallenge() {
        String email = "sms-" + UUID.randomUUID() + "@example.com";
        String phone = "+4917" + (100_000_000 + (long) (Math.random() * 899_999_999L));
        TestAccounts.active(bootstrap, email, PASSWORD);
        String token = login(email, PASSWORD).then().statusCode(201).extract().path("token");
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"phone\":\"" + phone + "\"}").post("/api/v1/me/factors/sms").then().statusCode(202);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"code\":\"000000\"}").post("/api/v1/me/factors/sms/confirmation").then().statusCode(401);
        String enableCode = TestAccounts.awaitCode(bootstrap, phone);
        assertThat(TestAccounts.requestsTo(bootstrap, phone).get(0).template()).isEqualTo("verification-code");
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"code\":\"" + enableCode + "\"}").post("/api/v1/me/factors/sms/confirmation").then().statusCode(204);

        String challenge = login(email, PASSWORD).then().statusCode(200).body("methods", contains("SMS_CODE"))
                .extract().path("challengeId");
        given().contentType(ContentType.JSON).body("{\"channel\":\"SMS\"}")
                .post("/api/v1/sessions/challenges/" + challenge + "/codes").then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"channel\":\"SMS\"}")
                .post("/api/v1/sessions/challenges/" + challenge + "/codes").then().statusCode(429)
                .header("Retry-After", notNullValue());
        await().atMost(Duration.ofSeconds(20)).until(() -> TestAccounts.requestsTo(bootstrap, phone).size() == 2);
        assertThat(TestAccounts.requestsTo(bootstrap, phone).get(1).template()).isEqualTo("login-code");
        String loginCode = TestAccounts.newestCode(bootstrap, phone).orElseThrow();
        second(challenge, "SMS_CODE", loginCode).then().statusCode(201).body("token", notNullValue());
    }

    @Test
    void theFifthWrongCodeBurnsTheCodeThatWouldEnableAFactor() {
        String email = "burn-" + UUID.randomUUID() + "@example.com";
        String phone = "+4917" + (100_000_000 + (long) (Math.random() * 899_999_999L));
        TestAccounts.active(bootstrap, email, PASSWORD);
        String token = login(email, PASSWORD).then().statusCode(201).extract().path("token");
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"phone\":\"" + phone + "\"}").post("/api/v1/me/factors/sms").then().statusCode(202);
        String code = TestAccounts.awaitCode(bootstrap, phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) { // each wrong try is kept although the request fails
            given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .body("{\"code\":\"" + wrong + "\"}").post("/api/v1/me/factors/sms/confirmation")
                    .then().statusCode(401).body("code", equalTo("invalid_code"));
        }
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\"}").post("/api/v1/me/factors/sms/confirmation")
                .then().statusCode(401).body("code", equalTo("invalid_code"));
        login(email, PASSWORD).then().statusCode(201); // the factor was never enabled
    }

    @Test
    void theCountryAndCoordinatesFromTheEdgeReachTheAttempt() {
        String email = "geo-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        given().contentType(ContentType.JSON).header("X-Client-Country", "de")
                .header("X-Client-Latitude", "52.52").header("X-Client-Longitude", "13.405")
                .body("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").post("/api/v1/sessions")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).header("X-Client-Country", "Germany!").header("X-Client-Latitude", "999")
                .body("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").post("/api/v1/sessions")
                .then().statusCode(201);
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            List<LoginAttempted> attempts = kafka.read(Topics.LOGIN_ATTEMPTS, accountId).stream()
                    .map(r -> EventJson.fromBytes(r.value(), LoginAttempted.class))
                    .sorted(java.util.Comparator.comparing(LoginAttempted::occurredAt)).toList();
            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(0).country()).isEqualTo("DE");
            assertThat(attempts.get(0).latitude()).isEqualTo(52.52);
            assertThat(attempts.get(0).longitude()).isEqualTo(13.405);
            assertThat(attempts.get(1).country()).as("not a country code: unknown").isNull();
            assertThat(attempts.get(1).latitude()).isNull();
        }
    }

    static Response login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").post("/api/v1/sessions");
    }

    static Response second(String challengeId, String method, String code) {
        return given().contentType(ContentType.JSON).body("{\"method\":\"" + method + "\",\"code\":\"" + code + "\"}")
                .post("/api/v1/sessions/challenges/" + challengeId);
    }
}
