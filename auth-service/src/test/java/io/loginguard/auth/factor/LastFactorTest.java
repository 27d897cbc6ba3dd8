package io.loginguard.auth.factor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The last second factor stays (loginguard.auth.factors.required, on by default): the JSON API refuses to turn it
 * off with 409 last_factor, whichever factor it is, and two removals at the same moment leave one factor, not none.
 */
@QuarkusTest
class LastFactorTest {
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
    void theLastFactorCannotBeTurnedOffAndTwoRemovalsAtOnceLeaveOne() throws Exception {
        String email = "last-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        String token = SecondFactorLoginTest.login(email, PASSWORD).then().statusCode(201).extract().path("token");

        // TOTP alone: refused, before any proof is used up
        Response started = me(token).post("/api/v1/me/totp");
        byte[] key = Base32.decode(started.path("secret"));
        long step = totp.stepAt(Instant.now());
        List<String> backup = me(token).contentType(ContentType.JSON)
                .body("{\"code\":\"" + totp.code(key, step) + "\"}").post("/api/v1/me/totp/confirmation")
                .then().statusCode(200).extract().path("backupCodes");
        off(token, "totp", "BACKUP_CODE", backup.get(0)).then().statusCode(409).body("code", equalTo("last_factor"));
        me(token).contentType(ContentType.JSON).body(proof("BACKUP_CODE", backup.get(0))).delete("/api/v1/me/totp")
                .then().statusCode(409).body("code", equalTo("last_factor"));
        assertThat(enabled(accountId)).containsExactly(SecondFactor.Kind.TOTP);

        // a second factor: codes by SMS
        String phone = "+4917" + (100_000_000 + (long) (Math.random() * 899_999_999L));
        me(token).contentType(ContentType.JSON).body("{\"phone\":\"" + phone + "\"}").post("/api/v1/me/factors/sms")
                .then().statusCode(202);
        me(token).contentType(ContentType.JSON).body("{\"code\":\"" + TestAccounts.awaitCode(bootstrap, phone) + "\"}")
                .post("/api/v1/me/factors/sms/confirmation").then().statusCode(204);
        assertThat(enabled(accountId)).containsExactlyInAnyOrder(SecondFactor.Kind.TOTP, SecondFactor.Kind.SMS);

        // both turned off at the same moment, each with a valid proof: one goes, the other is refused
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Integer> totpOff = CompletableFuture.supplyAsync(() -> {
                meet(together);
                return off(token, "totp", "BACKUP_CODE", backup.get(0)).statusCode();
            }, pool);
            CompletableFuture<Integer> smsOff = CompletableFuture.supplyAsync(() -> {
                meet(together);
                return off(token, "sms", "TOTP", totp.code(key, step + 1)).statusCode();
            }, pool);
            assertThat(List.of(totpOff.get(30, TimeUnit.SECONDS), smsOff.get(30, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(204, 409);
        } finally {
            pool.shutdownNow();
        }
        List<SecondFactor.Kind> left = enabled(accountId);
        assertThat(left).hasSize(1);

        // the one left stays, whatever the proof
        String kind = left.get(0) == SecondFactor.Kind.TOTP ? "totp" : "sms";
        off(token, kind, "BACKUP_CODE", backup.get(1)).then().statusCode(409).body("code", equalTo("last_factor"));
        SecondFactorLoginTest.login(email, PASSWORD).then().statusCode(200)
                .body("methods", contains(left.get(0) == SecondFactor.Kind.TOTP ? new String[] {"TOTP", "BACKUP_CODE"}
                        : new String[] {"SMS_CODE"}));
    }

    private static void meet(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<SecondFactor.Kind> enabled(String accountId) {
        return QuarkusTransaction.requiringNew().call(() -> SecondFactor.enabledOf(UUID.fromString(accountId)).stream()
                .map(f -> f.kind).toList());
    }

    private static String proof(String method, String code) {
        return "{\"method\":\"" + method + "\",\"code\":\"" + code + "\"}";
    }

    private static Response off(String token, String kind, String method, String code) {
        return me(token).contentType(ContentType.JSON).body(proof(method, code)).delete("/api/v1/me/factors/" + kind);
    }

    private static io.restassured.specification.RequestSpecification me(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
