package io.loginguard.auth.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.factor.TestBase32;
import io.loginguard.auth.factor.Totp;
import io.loginguard.auth.passkey.Passkey;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.events.EventJson;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.TicketEvent;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Approvals from ticket.events, applied once each: reactivation of a frozen account, and a 2FA reset. */
@QuarkusTest
class TicketApprovalsTest {
    static final String PASSWORD = "Correct1horse";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    PipelineView pipeline;

    @Inject
    ResendLimiter limiter;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void risk() {
        RiskHeartbeatResponder.answering(bootstrap, pipeline);
    }

    @Test
    void aReactivationApprovalMakesAFrozenAccountActiveOnceHoweverOftenItIsDelivered() {
        String email = "reactivate-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        String token = login(email).then().statusCode(201).extract().path("token");
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"password\":\"" + PASSWORD + "\"}").post("/api/v1/me/freeze").then().statusCode(204);
        login(email).then().statusCode(403).body("code", equalTo("account_frozen"));

        TicketEvent approval = approval(accountId, TicketEvent.ApprovedAction.REACTIVATE);
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            kafka.send(Topics.TICKET_EVENTS, accountId, "{not json".getBytes(StandardCharsets.UTF_8)); // to auth.dlq
            kafka.send(Topics.TICKET_EVENTS, accountId, EventJson.toBytes(approval));
            kafka.send(Topics.TICKET_EVENTS, accountId, EventJson.toBytes(approval)); // redelivered
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> login(email).then().statusCode(201));
            await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(kafka, accountId, SecurityEvent.Type.ACCOUNT_REACTIVATED) == 1);
            assertThat(kafka.read(Topics.AUTH_DLQ, accountId)).isNotEmpty();
        }
    }

    @Test
    void aTwoFactorResetApprovalRemovesTheFactorsAndEndsEverySession() {
        String email = "reset2fa-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        String token = login(email).then().statusCode(201).extract().path("token");
        String secret = given().header("Authorization", "Bearer " + token).post("/api/v1/me/totp")
                .then().statusCode(201).extract().path("secret");
        Totp totp = new Totp(Duration.ofSeconds(30), 6, 1);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"code\":\"" + totp.code(TestBase32.decode(secret), totp.stepAt(Instant.now())) + "\"}")
                .post("/api/v1/me/totp/confirmation").then().statusCode(200);
        login(email).then().statusCode(200).body("status", equalTo("second_factor_required"));
        UUID account = UUID.fromString(accountId);
        QuarkusTransaction.requiringNew().run(() -> storedPasskey(account).insert());

        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            kafka.send(Topics.TICKET_EVENTS, accountId, EventJson.toBytes(approval(accountId, TicketEvent.ApprovedAction.TWO_FACTOR_RESET)));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> login(email).then().statusCode(201));
            assertThat(QuarkusTransaction.requiringNew().call(() -> Passkey.any(account))).as("passkeys go too").isFalse();
            given().header("Authorization", "Bearer " + token).get("/api/v1/me/sessions").then().statusCode(401);
            // the event is relayed from the outbox after the commit that let the login through
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> securityEvents(kafka, accountId, SecurityEvent.Type.TWO_FACTOR_RESET) == 1);
        }
    }

    /** A passkey row as registration leaves it (its key material is not used here). */
    private static Passkey storedPasskey(UUID accountId) {
        Passkey p = new Passkey();
        p.id = UUID.randomUUID();
        p.accountId = accountId;
        p.credentialId = "test-" + p.id;
        p.attestedCredentialData = new byte[] {1};
        p.name = "phone";
        p.createdAt = Instant.now();
        return p;
    }

    @Test
    void aPhoneChangeApprovalSetsTheProvenNumberOnce() {
        String email = "newphone-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        String number = "+4916" + (100_000_000 + (long) (Math.random() * 899_999_999L));
        TicketEvent approval = new TicketEvent(UUID.randomUUID(), Instant.now(), accountId, UUID.randomUUID(),
                TicketEvent.Type.ACTION_APPROVED, TicketEvent.CaseKind.PHONE_CHANGE,
                TicketEvent.ApprovedAction.PHONE_CHANGE, "APPROVED", number);
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            kafka.send(Topics.TICKET_EVENTS, accountId, EventJson.toBytes(approval));
            kafka.send(Topics.TICKET_EVENTS, accountId, EventJson.toBytes(approval)); // redelivered
            await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(kafka, accountId, SecurityEvent.Type.PHONE_CHANGED) == 1);
            given().contentType(ContentType.JSON)
                    .body("{\"phone\":\"" + number + "\",\"password\":\"" + PASSWORD + "\"}").post("/api/v1/sessions")
                    .then().statusCode(201);
            // the redelivery and anything after it changed nothing more
            kafka.send(Topics.TICKET_EVENTS, accountId, EventJson.toBytes(approval(accountId, TicketEvent.ApprovedAction.REACTIVATE)));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> securityEvents(kafka, accountId, SecurityEvent.Type.PHONE_CHANGED) == 1);
        }
    }

    private static long securityEvents(KafkaProbe kafka, String accountId, SecurityEvent.Type type) {
        return kafka.read(Topics.SECURITY_EVENTS, accountId).stream()
                .map(r -> EventJson.fromBytes(r.value(), SecurityEvent.class)).filter(e -> e.type() == type).count();
    }

    private static TicketEvent approval(String accountId, TicketEvent.ApprovedAction action) {
        return new TicketEvent(UUID.randomUUID(), Instant.now(), accountId, UUID.randomUUID(),
                TicketEvent.Type.ACTION_APPROVED, TicketEvent.CaseKind.REACTIVATION, action, "APPROVED");
    }

    static Response login(String email) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").post("/api/v1/sessions");
    }
}
