package io.loginguard.auth.factor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stolen session cannot guess its way to turning the second factor off: wrong codes given as proof are counted
 * (5 in 30 minutes by default), a right one does not count, and past the limit every proof is refused with 429 and
 * the wait, before any code is checked (the same count serves every proof: factor off, backup codes, passkey
 * removal, a reset link's second factor).
 */
@QuarkusTest
class ProofFailuresTest {
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

    @Test
    void fiveWrongProofsIn30MinutesRefuseTheNextEvenWithTheRightCode() {
        String email = "proof-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        String token = SecondFactorLoginTest.login(email, PASSWORD).then().statusCode(201).extract().path("token");
        byte[] key = Base32.decode(me(token).post("/api/v1/me/totp").then().statusCode(201).extract().path("secret"));
        long step = totp.stepAt(Instant.now());
        List<String> backup = me(token).contentType(ContentType.JSON)
                .body("{\"code\":\"" + totp.code(key, step) + "\"}").post("/api/v1/me/totp/confirmation")
                .then().statusCode(200).extract().path("backupCodes");
        String wrong = wrongCode(key, step);

        for (int i = 0; i < 4; i++) {
            newBackupCodes(token, "TOTP", wrong).then().statusCode(401).body("code", equalTo("invalid_code"));
        }
        // a right proof does not count among the failures
        List<String> renewed = newBackupCodes(token, "BACKUP_CODE", backup.get(0)).then().statusCode(200)
                .extract().path("backupCodes");
        newBackupCodes(token, "TOTP", wrong).then().statusCode(401).body("code", equalTo("invalid_code"));

        // five wrong: a right code is refused too, with the wait, and again
        Response refused = newBackupCodes(token, "BACKUP_CODE", renewed.get(0));
        refused.then().statusCode(429).body("code", equalTo("too_frequent"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1700L, 1800L);
        newBackupCodes(token, "BACKUP_CODE", renewed.get(1)).then().statusCode(429);
        // the refused codes were not spent: TOTP is still on and the backup code still signs in
        String challenge = SecondFactorLoginTest.login(email, PASSWORD).then().statusCode(200).extract().path("challengeId");
        SecondFactorLoginTest.second(challenge, "BACKUP_CODE", renewed.get(0)).then().statusCode(201);
    }

    /** A six-digit code that none of the accepted steps (now, and one either side) gives. */
    private String wrongCode(byte[] key, long step) {
        List<String> accepted = List.of(totp.code(key, step - 1), totp.code(key, step), totp.code(key, step + 1),
                totp.code(key, step + 2));
        for (int n = 0; ; n++) {
            String candidate = String.format("%06d", (123_457 * (n + 1)) % 1_000_000);
            if (!accepted.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static Response newBackupCodes(String token, String method, String code) {
        return me(token).contentType(ContentType.JSON).body(proof(method, code)).post("/api/v1/me/backup-codes");
    }

    private static String proof(String method, String code) {
        return "{\"method\":\"" + method + "\",\"code\":\"" + code + "\"}";
    }

    private static RequestSpecification me(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
