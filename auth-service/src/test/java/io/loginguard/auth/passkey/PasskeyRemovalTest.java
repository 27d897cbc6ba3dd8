package io.loginguard.auth.passkey;

import static io.loginguard.auth.passkey.PasskeyTest.authed;
import static io.loginguard.auth.passkey.PasskeyTest.login;
import static io.loginguard.auth.passkey.PasskeyTest.register;
import static io.loginguard.auth.passkey.PasskeyTest.removeWithPasskey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.factor.TestBase32;
import io.loginguard.auth.factor.Totp;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.EventJson;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code loginguard.auth.factors.required} on (the default): passkeys count among an account's second factors, so the
 * authenticator app may go while a passkey stays, and the last passkey may not; a backup code proves a removal.
 */
@QuarkusTest
class PasskeyRemovalTest {
    final Totp totp = new Totp(Duration.ofSeconds(30), 6, 1);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "loginguard.auth.passkeys.rp-id")
    String rpId;

    @ConfigProperty(name = "loginguard.auth.passkeys.origins")
    List<String> origins;

    @Inject
    PipelineView pipeline;

    @BeforeEach
    void risk() {
        RiskHeartbeatResponder.answering(bootstrap, pipeline);
    }

    @Test
    void passkeysCountAsSecondFactorsAndTheLastOneStays() {
        String email = "passkey-required-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PasskeyTest.PASSWORD);
        String token = login(email).then().statusCode(201).extract().path("token");
        String secret = authed(token).post("/api/v1/me/totp").then().statusCode(201).extract().path("secret");
        byte[] key = TestBase32.decode(secret);
        long step = totp.stepAt(Instant.now());
        List<String> backup = authed(token).contentType(ContentType.JSON)
                .body(Map.of("code", totp.code(key, step))).post("/api/v1/me/totp/confirmation")
                .then().statusCode(200).extract().path("backupCodes");

        // a passkey beside the app, removed with a backup code as the proof
        SoftAuthenticator first = new SoftAuthenticator(rpId, origins.get(0));
        String firstId = register(token, first, "First");
        authed(token).contentType(ContentType.JSON).body(Map.of("method", "BACKUP_CODE", "code", "wrong-codes"))
                .delete("/api/v1/me/passkeys/" + firstId).then().statusCode(401).body("code", equalTo("invalid_code"));
        authed(token).contentType(ContentType.JSON).body(Map.of("method", "BACKUP_CODE", "code", backup.get(0)))
                .delete("/api/v1/me/passkeys/" + firstId).then().statusCode(204);

        // another passkey: now the app may go (the passkey is a second factor), proven by the app's next code
        SoftAuthenticator second = new SoftAuthenticator(rpId, origins.get(0));
        String secondId = register(token, second, "Second");
        authed(token).contentType(ContentType.JSON).body(Map.of("method", "TOTP", "code", totp.code(key, step + 1)))
                .delete("/api/v1/me/totp").then().statusCode(204);

        // the passkey is the last second factor: it stays, whatever the proof
        removeWithPasskey(token, secondId, second).then().statusCode(409).body("code", equalTo("last_factor"));
        authed(token).get("/api/v1/me/passkeys").then().statusCode(200).body("passkeys", hasSize(1));
        login(email).then().statusCode(200).body("methods", hasItem("PASSKEY"));

        // with a third, either may go, proven by the other; then the last stays again
        SoftAuthenticator third = new SoftAuthenticator(rpId, origins.get(0));
        String thirdId = register(token, third, "Third");
        String challenge = authed(token).post("/api/v1/me/passkeys/proof-options").then().statusCode(200)
                .body("allowCredentials", hasSize(2)).extract().path("challenge");
        authed(token).contentType(ContentType.JSON).body(Map.of("method", "PASSKEY", "passkey", third.get(challenge)))
                .delete("/api/v1/me/passkeys/" + secondId).then().statusCode(204);
        removeWithPasskey(token, thirdId, third).then().statusCode(409).body("code", equalTo("last_factor"));

        // what the other services read: the passkey among the snapshot's second factors, TOTP gone
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
                List<AccountSnapshot> snapshots = kafka.read(Topics.ACCOUNTS, accountId).stream()
                        .map(r -> EventJson.fromBytes(r.value(), AccountSnapshot.class)).toList();
                assertThat(snapshots).isNotEmpty();
                assertThat(snapshots.get(snapshots.size() - 1).secondFactors())
                        .containsExactly(AccountSnapshot.SecondFactor.PASSKEY);
            }
        });
    }
}
