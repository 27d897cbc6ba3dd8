package io.loginguard.auth.passkey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Passkeys end to end against the real broker, PostgreSQL and Redis, with a software authenticator producing real
 * WebAuthn data: registration, listing, the second step, passwordless login, old counters and wrong challenges
 * refused, removal; and the attempts risk reads.
 */
@QuarkusTest
@TestProfile(FactorsOptionalProfile.class)
class PasskeyTest {
    static final String PASSWORD = "Correct1horse";

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

    record Registered(String email, String accountId, String token, SoftAuthenticator authenticator, String passkeyId) {
    }

    Registered registered() {
        String email = "passkey-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        String token = login(email).then().statusCode(201).extract().path("token");
        SoftAuthenticator authenticator = new SoftAuthenticator(rpId, origins.get(0));
        Response options = authed(token).post("/api/v1/me/passkeys/registration-options");
        options.then().statusCode(200).body("rp.id", equalTo(rpId)).body("attestation", equalTo("none"))
                .body("authenticatorSelection.residentKey", equalTo("required"));
        String passkeyId = authed(token).contentType(ContentType.JSON)
                .body(authenticator.create(options.path("challenge"), options.path("user.id"), "Laptop"))
                .post("/api/v1/me/passkeys").then().statusCode(201).body("name", equalTo("Laptop"))
                .extract().path("id");
        return new Registered(email, accountId, token, authenticator, passkeyId);
    }

    @Test
    void aRegisteredPasskeyIsListedServesAsTheSecondStepAndCanBeRemoved() {
        Registered r = registered();
        authed(r.token()).get("/api/v1/me/passkeys").then().statusCode(200).body("passkeys", hasSize(1))
                .body("passkeys[0].id", equalTo(r.passkeyId())).body("passkeys[0].transports", hasItem("internal"));

        String challenge = login(r.email()).then().statusCode(200).body("methods", hasItem("PASSKEY"))
                .extract().path("challengeId");
        Response options = given().post("/api/v1/sessions/challenges/" + challenge + "/passkey/options");
        options.then().statusCode(200).body("allowCredentials[0].id", equalTo(r.authenticator().credentialId()));
        given().contentType(ContentType.JSON).body(r.authenticator().get(options.path("challenge")))
                .post("/api/v1/sessions/challenges/" + challenge + "/passkey")
                .then().statusCode(201).body("token", notNullValue());

        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            assertThat(attempts(kafka, r.accountId(), LoginAttempted.Stage.SECOND_FACTOR)).singleElement().satisfies(a -> {
                assertThat(a.method()).isEqualTo(LoginAttempted.Method.PASSKEY);
                assertThat(a.outcome()).isEqualTo(LoginAttempted.Outcome.SUCCEEDED);
                assertThat(a.sequence()).isNotNull();
            });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(r.accountId()).contains(SecurityEvent.Type.PASSKEY_ADDED));

        removeWithPasskey(r.token(), r.passkeyId(), r.authenticator()).then().statusCode(204);
        authed(r.token()).contentType(ContentType.JSON).body(Map.of("method", "PASSKEY"))
                .delete("/api/v1/me/passkeys/" + r.passkeyId()).then().statusCode(404).body("code", equalTo("passkey_not_found"));
        authed(r.token()).get("/api/v1/me/passkeys").then().statusCode(200).body("passkeys", hasSize(0));
        login(r.email()).then().statusCode(201); // no second factor left
        await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(r.accountId()).contains(SecurityEvent.Type.PASSKEY_REMOVED));
    }

    @Test
    void removingAPasskeyNeedsAFreshProofMadeForThatRemoval() {
        Registered r = registered();
        String path = "/api/v1/me/passkeys/" + r.passkeyId();
        // no proof at all, a passkey method without its answer, a code of a factor the account does not have
        authed(r.token()).contentType(ContentType.JSON).delete(path).then().statusCode(400).body("code", notNullValue());
        authed(r.token()).contentType(ContentType.JSON).body(Map.of("method", "PASSKEY")).delete(path)
                .then().statusCode(401).body("code", equalTo("invalid_passkey"));
        authed(r.token()).contentType(ContentType.JSON).body(Map.of("method", "TOTP", "code", "123456")).delete(path)
                .then().statusCode(401).body("code", equalTo("invalid_code"));
        authed(r.token()).contentType(ContentType.JSON).body(Map.of("method", "SOMETHING", "code", "1")).delete(path)
                .then().statusCode(400).body("code", notNullValue());
        // the passkey's answer to a challenge issued for something else: a passwordless login's
        String login = given().post("/api/v1/sessions/passkey/options").then().statusCode(200).extract().path("challenge");
        authed(r.token()).contentType(ContentType.JSON).body(Map.of("method", "PASSKEY", "passkey", r.authenticator().get(login)))
                .delete(path).then().statusCode(401).body("code", equalTo("invalid_passkey"));
        // another account's passkey answering this account's proof challenge
        Registered other = registered();
        String proof = authed(r.token()).post("/api/v1/me/passkeys/proof-options").then().statusCode(200)
                .body("allowCredentials", hasSize(1)).body("allowCredentials[0].id", equalTo(r.authenticator().credentialId()))
                .extract().path("challenge");
        authed(r.token()).contentType(ContentType.JSON).body(Map.of("method", "PASSKEY", "passkey", other.authenticator().get(proof)))
                .delete(path).then().statusCode(401).body("code", equalTo("invalid_passkey"));
        // another account cannot remove it, even with a proof of its own
        removeWithPasskey(other.token(), r.passkeyId(), other.authenticator()).then().statusCode(404);
        authed(r.token()).get("/api/v1/me/passkeys").then().statusCode(200).body("passkeys", hasSize(1));

        removeWithPasskey(r.token(), r.passkeyId(), r.authenticator()).then().statusCode(204);
        authed(r.token()).get("/api/v1/me/passkeys").then().statusCode(200).body("passkeys", hasSize(0));
        await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(r.accountId()).contains(SecurityEvent.Type.PASSKEY_REMOVED));
    }

    /** Removes the passkey with a proof by the authenticator, on a fresh proof challenge. */
    static Response removeWithPasskey(String token, String passkeyId, SoftAuthenticator authenticator) {
        String challenge = authed(token).post("/api/v1/me/passkeys/proof-options").then().statusCode(200)
                .extract().path("challenge");
        return authed(token).contentType(ContentType.JSON)
                .body(Map.of("method", "PASSKEY", "passkey", authenticator.get(challenge)))
                .delete("/api/v1/me/passkeys/" + passkeyId);
    }

    /** Registers a passkey of the authenticator on the session's account; its id. */
    static String register(String token, SoftAuthenticator authenticator, String name) {
        Response options = authed(token).post("/api/v1/me/passkeys/registration-options");
        options.then().statusCode(200);
        return authed(token).contentType(ContentType.JSON)
                .body(authenticator.create(options.path("challenge"), options.path("user.id"), name))
                .post("/api/v1/me/passkeys").then().statusCode(201).extract().path("id");
    }

    @Test
    void aPasskeyLogsInWithoutAPasswordAndAnOldCounterOrAWrongChallengeIsRefusedAsAFailure() {
        Registered r = registered();
        String first = given().post("/api/v1/sessions/passkey/options").then().statusCode(200)
                .body("allowCredentials", hasSize(0)).body("userVerification", equalTo("required"))
                .extract().path("challenge");
        given().contentType(ContentType.JSON).body(r.authenticator().get(first)).post("/api/v1/sessions/passkey")
                .then().statusCode(201).body("token", notNullValue()).body("accountId", equalTo(r.accountId()));

        // the same counter again, on a fresh challenge: a cloned authenticator
        String second = given().post("/api/v1/sessions/passkey/options").then().statusCode(200).extract().path("challenge");
        given().contentType(ContentType.JSON).body(r.authenticator().getWithCounter(second, r.authenticator().counter))
                .post("/api/v1/sessions/passkey").then().statusCode(401).body("code", equalTo("invalid_passkey"));
        // the used challenge again, and a challenge never issued
        given().contentType(ContentType.JSON).body(r.authenticator().get(first)).post("/api/v1/sessions/passkey")
                .then().statusCode(401).body("code", equalTo("invalid_passkey"));
        given().contentType(ContentType.JSON).body(r.authenticator().get(SoftAuthenticator.B64.encodeToString(new byte[32])))
                .post("/api/v1/sessions/passkey").then().statusCode(401).body("code", equalTo("invalid_passkey"));
        // a challenge issued for a second step does not log in without a password
        String login = login(r.email()).then().statusCode(200).extract().path("challengeId");
        String secondStep = given().post("/api/v1/sessions/challenges/" + login + "/passkey/options").then()
                .statusCode(200).extract().path("challenge");
        given().contentType(ContentType.JSON).body(r.authenticator().get(secondStep)).post("/api/v1/sessions/passkey")
                .then().statusCode(401);
        // after the refusals a fresh assertion with a grown counter still works
        String last = given().post("/api/v1/sessions/passkey/options").then().statusCode(200).extract().path("challenge");
        given().contentType(ContentType.JSON).body(r.authenticator().get(last)).post("/api/v1/sessions/passkey")
                .then().statusCode(201);

        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            List<LoginAttempted> passwordless = attempts(kafka, r.accountId(), LoginAttempted.Stage.PASSWORD).stream()
                    .filter(a -> a.method() == LoginAttempted.Method.PASSKEY).toList();
            assertThat(passwordless).extracting(LoginAttempted::outcome).containsExactly(
                    LoginAttempted.Outcome.SUCCEEDED, LoginAttempted.Outcome.BAD_PASSWORD, LoginAttempted.Outcome.BAD_PASSWORD,
                    LoginAttempted.Outcome.BAD_PASSWORD, LoginAttempted.Outcome.BAD_PASSWORD, LoginAttempted.Outcome.SUCCEEDED);
            assertThat(passwordless).allSatisfy(a -> {
                assertThat(a.sequence()).isNotNull();
                assertThat(a.outcome().isFailure() || a.outcome() == LoginAttempted.Outcome.SUCCEEDED).isTrue();
            });
        }
    }

    @Test
    void aPasskeyNobodyRegisteredIsAnUnknownAccount() {
        SoftAuthenticator stranger = new SoftAuthenticator(rpId, origins.get(0));
        String challenge = given().post("/api/v1/sessions/passkey/options").then().statusCode(200).extract().path("challenge");
        given().contentType(ContentType.JSON).body(stranger.get(challenge)).post("/api/v1/sessions/passkey")
                .then().statusCode(401).body("code", equalTo("invalid_passkey"));
    }

    @Test
    void registrationNeedsItsOwnChallengeAndASession() {
        String email = "passkey-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        String token = login(email).then().statusCode(201).extract().path("token");
        SoftAuthenticator authenticator = new SoftAuthenticator(rpId, origins.get(0));
        Response options = authed(token).post("/api/v1/me/passkeys/registration-options");
        String userId = options.path("user.id");
        // a challenge the server never issued
        authed(token).contentType(ContentType.JSON)
                .body(authenticator.create(SoftAuthenticator.B64.encodeToString(new byte[32]), userId, "x"))
                .post("/api/v1/me/passkeys").then().statusCode(400).body("code", equalTo("invalid_passkey"));
        // the wrong origin
        SoftAuthenticator elsewhere = new SoftAuthenticator(rpId, "https://evil.example");
        authed(token).contentType(ContentType.JSON).body(elsewhere.create(options.path("challenge"), userId, "x"))
                .post("/api/v1/me/passkeys").then().statusCode(400).body("code", equalTo("invalid_passkey"));
        // that challenge is spent now, even though the registration failed
        authed(token).contentType(ContentType.JSON).body(authenticator.create(options.path("challenge"), userId, "x"))
                .post("/api/v1/me/passkeys").then().statusCode(400);
        authed(token).get("/api/v1/me/passkeys").then().statusCode(200).body("passkeys", hasSize(0));
        given().post("/api/v1/me/passkeys/registration-options").then().statusCode(401);
        given().get("/api/v1/me/passkeys").then().statusCode(401);
    }

    private List<LoginAttempted> attempts(KafkaProbe kafka, String accountId, LoginAttempted.Stage stage) {
        return kafka.read(Topics.LOGIN_ATTEMPTS, accountId).stream()
                .map(r -> EventJson.fromBytes(r.value(), LoginAttempted.class))
                .filter(a -> a.stage() == stage).toList();
    }

    List<SecurityEvent.Type> securityEvents(String accountId) {
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            return kafka.read(Topics.SECURITY_EVENTS, accountId).stream()
                    .map(r -> EventJson.fromBytes(r.value(), SecurityEvent.class).type()).toList();
        }
    }

    static io.restassured.specification.RequestSpecification authed(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    static Response login(String email) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").post("/api/v1/sessions");
    }
}
