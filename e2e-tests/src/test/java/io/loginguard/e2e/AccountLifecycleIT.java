package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static io.loginguard.e2e.Scenario.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.SealedParams;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.TicketEvent;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An account's life around the login, with the packaged auth and risk: the device limit and its event, a password
 * reset that still asks for the authenticator, a freeze lifted by an approval on ticket.events, and a sub-account
 * locked by risk while its master logs in.
 */
class AccountLifecycleIT {
    static Stack stack;
    static AuthClient auth;
    static KafkaProbe kafka;

    @BeforeAll
    static void start() {
        stack = Stack.get();
        auth = new AuthClient(stack.auth.get(0));
        kafka = new KafkaProbe(stack.kafka);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aFourthDeviceSignsOutTheFirstAndTheRevocationIsOnTheTopic() {
        String email = Scenario.freshEmail("devices");
        String accountId = Scenario.registerAccount(auth, email);
        String first = token(auth.loginOn(email, PASSWORD, "device-1"));
        for (int d = 2; d <= 4; d++) {
            token(auth.loginOn(email, PASSWORD, "device-" + d));
        }
        assertThat(auth.get("/api/v1/me/sessions", first).statusCode()).isEqualTo(401);
        List<SecurityEvent> revoked = await().atMost(Duration.ofSeconds(20))
                .until(() -> securityEvents(accountId, SecurityEvent.Type.SESSION_REVOKED), l -> !l.isEmpty());
        assertThat(revoked).singleElement().satisfies(e ->
                assertThat(e.sessionEndReason()).isEqualTo(SecurityEvent.SessionEndReason.DEVICE_LIMIT));
    }

    @Test
    void aResetLinkStillAsksForTheAuthenticator() throws Exception {
        SecondFactorIT.Enrolled e = enrol("reset-totp");
        HttpResponse<String> asked = auth.post("/api/v1/password-resets", "{\"email\":\"" + e.email() + "\"}", null);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        String link = await().atMost(Duration.ofSeconds(20)).until(() -> resetLink(e.email()), l -> l != null);
        String token = link.substring(link.indexOf("token=") + 6);

        HttpResponse<String> without = auth.post("/api/v1/password-resets/" + token, "{\"password\":\"Battery9staple\"}", null);
        assertThat(without.statusCode()).as(without.body()).isEqualTo(403);
        assertThat(without.body()).contains("second_factor_required");
        String code = SecondFactorIT.totp(e.secret(), SecondFactorIT.step(Instant.now()) + 1);
        HttpResponse<String> with = auth.post("/api/v1/password-resets/" + token,
                "{\"password\":\"Battery9staple\",\"method\":\"TOTP\",\"code\":\"" + code + "\"}", null);
        assertThat(with.statusCode()).as(with.body()).isEqualTo(204);
        assertThat(auth.login(e.email(), PASSWORD).statusCode()).isEqualTo(401);
        HttpResponse<String> after = auth.login(e.email(), "Battery9staple");
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(after.body()).contains("second_factor_required");
    }

    @Test
    void aFrozenAccountComesBackWithAnApprovalOnTicketEvents() {
        String email = Scenario.freshEmail("freeze");
        String accountId = Scenario.registerAccount(auth, email);
        String session = token(auth.login(email, PASSWORD));
        HttpResponse<String> frozen = auth.post("/api/v1/me/freeze", "{\"password\":\"" + PASSWORD + "\"}", session);
        assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(204);
        HttpResponse<String> refused = auth.login(email, PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("account_frozen");

        // what ticket-service publishes when a reviewer approves a reactivation case
        TicketEvent approval = new TicketEvent(UUID.randomUUID(), Instant.now(), accountId, UUID.randomUUID(),
                TicketEvent.Type.ACTION_APPROVED, TicketEvent.CaseKind.REACTIVATION,
                TicketEvent.ApprovedAction.REACTIVATE, "APPROVED");
        kafka.send(Topics.TICKET_EVENTS, accountId, EventJson.toBytes(approval));
        await().atMost(Duration.ofSeconds(30)).until(() -> auth.login(email, PASSWORD).statusCode() == 201);
    }

    @Test
    void aSubAccountLockedByRiskLeavesItsMasterLoggingIn() {
        String masterEmail = Scenario.freshEmail("master");
        String masterId = Scenario.registerAccount(auth, masterEmail);
        String master = token(auth.login(masterEmail, PASSWORD));
        String subEmail = Scenario.freshEmail("sub");
        HttpResponse<String> created = auth.post("/api/v1/me/sub-accounts",
                "{\"email\":\"" + subEmail + "\",\"password\":\"" + PASSWORD + "\"}", master);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String subId = Scenario.json(created.body()).get("id").asText();

        for (int i = 0; i < 5; i++) {
            assertThat(auth.login(subEmail, WRONG).statusCode()).isEqualTo(401);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Scenario.decisions(kafka, subId).stream()
                .anyMatch(d -> d.type() == RiskDecision.Type.LOCKED));
        HttpResponse<String> locked = auth.login(subEmail, PASSWORD);
        assertThat(locked.statusCode()).as(locked.body()).isEqualTo(429);
        assertThat(Scenario.attempts(kafka, subId)).allSatisfy(a -> assertThat(a.masterAccountId()).isEqualTo(masterId));

        HttpResponse<String> masterLogin = auth.login(masterEmail, PASSWORD);
        assertThat(masterLogin.statusCode()).as(masterLogin.body()).isEqualTo(201);
        assertThat(Scenario.decisions(kafka, masterId)).noneMatch(d -> d.type() == RiskDecision.Type.LOCKED);
    }

    private static SecondFactorIT.Enrolled enrol(String purpose) throws Exception {
        String email = Scenario.freshEmail(purpose);
        String accountId = Scenario.registerAccount(auth, email);
        String session = token(auth.login(email, PASSWORD));
        HttpResponse<String> started = auth.post("/api/v1/me/totp", "{}", session);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        byte[] secret = SecondFactorIT.base32(Scenario.json(started.body()).get("secret").asText());
        HttpResponse<String> confirmed = auth.post("/api/v1/me/totp/confirmation",
                "{\"code\":\"" + SecondFactorIT.totp(secret, SecondFactorIT.step(Instant.now())) + "\"}", session);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        return new SecondFactorIT.Enrolled(email, accountId, secret);
    }

    private static String token(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Scenario.json(r.body()).get("token").asText();
    }

    private static List<SecurityEvent> securityEvents(String accountId, SecurityEvent.Type type) {
        return kafka.read(Topics.SECURITY_EVENTS, accountId).stream()
                .map(r -> EventJson.fromBytes(r.value(), SecurityEvent.class)).filter(e -> e.type() == type).toList();
    }

    private static String resetLink(String email) {
        return kafka.read(Topics.NOTIFICATION_REQUESTS, null).stream()
                .map(r -> EventJson.fromBytes(r.value(), NotificationRequested.class))
                .filter(n -> email.equals(n.destination()) && "password-reset-link".equals(n.template()))
                .max(Comparator.comparing(NotificationRequested::occurredAt))
                .map(n -> SealedParams.open(n.sealedParams(), n.requestId().toString(), Map.of("dev", Scenario.SEALING_KEY))
                        .get("link"))
                .orElse(null);
    }
}
