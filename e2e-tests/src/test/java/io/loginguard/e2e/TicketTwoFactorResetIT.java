package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.EventJson;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lost authenticator reset through a case, with auth, risk and ticket-service as processes: the case holds the
 * account's withdrawals for 7 days in risk.account-state, the reviewer's approval removes the TOTP in auth (the next
 * login needs no second step), and the person enrols a new one.
 */
class TicketTwoFactorResetIT {
    static Stack stack;
    static AuthClient auth;
    static TicketClient ticket;

    @BeforeAll
    static void start() {
        stack = Stack.get();
        auth = new AuthClient(stack.auth.get(0));
        ticket = new TicketClient(TicketStack.ticket(), stack.kafka);
    }

    @Test
    void aLostAuthenticatorIsResetAfterReviewWithWithdrawalsHeld() throws Exception {
        String email = Scenario.freshEmail("2fa-reset");
        String accountId = Scenario.registerAccount(auth, email);
        enrolTotp(email);
        HttpResponse<String> challenged = auth.login(email, PASSWORD);
        assertThat(Scenario.json(challenged.body()).get("status").asText()).isEqualTo("second_factor_required");

        String code = ticket.awaitEmailCode(accountId, email, "TWO_FACTOR_RESET");
        Instant openedAt = Instant.now();
        HttpResponse<String> opened = ticket.open(Map.of("type", "TWO_FACTOR_RESET", "identifier", email, "code", code),
                List.of("idFront", "idBack", "selfie"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String caseId = Scenario.json(opened.body()).get("id").asText();

        Instant heldUntil = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> withdrawalsHeldUntil(accountId), Optional::isPresent).orElseThrow();
        assertThat(heldUntil).isBetween(openedAt.plus(Duration.ofDays(7)).minusSeconds(60), Instant.now().plus(Duration.ofDays(7)).plusSeconds(60));

        String reviewer = ticket.reviewerToken();
        HttpResponse<String> approved = ticket.review(reviewer, caseId, "approve", null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        HttpResponse<String> login = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> auth.login(email, PASSWORD), r -> r.statusCode() == 201);
        String session = Scenario.json(login.body()).get("token").asText();
        HttpResponse<String> enrolAgain = auth.post("/api/v1/me/totp", "{}", session);
        assertThat(enrolAgain.statusCode()).as(enrolAgain.body()).isEqualTo(201);
    }

    private static void enrolTotp(String email) throws Exception {
        HttpResponse<String> session = auth.login(email, PASSWORD);
        assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
        String token = Scenario.json(session.body()).get("token").asText();
        HttpResponse<String> started = auth.post("/api/v1/me/totp", "{}", token);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        byte[] secret = SecondFactorIT.base32(Scenario.json(started.body()).get("secret").asText());
        HttpResponse<String> confirmed = auth.post("/api/v1/me/totp/confirmation",
                "{\"code\":\"" + SecondFactorIT.totp(secret, SecondFactorIT.step(Instant.now())) + "\"}", token);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    }

    private static Optional<Instant> withdrawalsHeldUntil(String accountId) {
        try (KafkaProbe kafka = new KafkaProbe(stack.kafka)) {
            return kafka.read(Topics.RISK_ACCOUNT_STATE, accountId).stream()
                    .filter(r -> r.value() != null)
                    .map(r -> EventJson.fromBytes(r.value(), AccountRiskState.class).withdrawalsHeldUntil())
                    .filter(Objects::nonNull)
                    .reduce((a, b) -> b);
        }
    }
}
