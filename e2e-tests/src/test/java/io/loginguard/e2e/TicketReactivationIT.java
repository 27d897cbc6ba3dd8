package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A frozen account back through a case, with auth, risk and ticket-service running as processes: frozen in auth, the
 * case refused before the waiting time with the time to come back, accepted after, approved by a reviewer, and the
 * person logs in again. And an appeal from an email that is not the account's, refused like a wrong code.
 */
class TicketReactivationIT {
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
    void aFrozenAccountIsReactivatedThroughACase() {
        String email = Scenario.freshEmail("reactivate");
        String accountId = Scenario.registerAccount(auth, email);
        String session = Scenario.json(auth.login(email, PASSWORD).body()).get("token").asText();
        HttpResponse<String> frozen = auth.post("/api/v1/me/freeze", "{\"password\":\"" + PASSWORD + "\"}", session);
        assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(204);
        assertThat(auth.login(email, PASSWORD).statusCode()).isEqualTo(403);

        String code = ticket.awaitEmailCode(accountId, email, "REACTIVATION");
        Map<String, String> fields = Map.of("type", "REACTIVATION", "identifier", email, "code", code);
        List<String> parts = List.of("idFront", "selfie");
        // ticket-service learns of the freeze from auth.accounts; until then it has nothing to reactivate
        HttpResponse<String> tooEarly = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> ticket.open(fields, parts), r -> r.body().contains("reactivation_too_early"));
        assertThat(tooEarly.statusCode()).isEqualTo(409);
        JsonNode problem = Scenario.json(tooEarly.body());
        Instant retryAt = Instant.parse(problem.get("retryAt").asText());
        assertThat(retryAt).isAfter(Instant.now().minusSeconds(1)).isBefore(Instant.now().plusSeconds(TicketStack.REACTIVATION_AFTER + 1));
        assertThat(tooEarly.headers().firstValue("Retry-After")).isPresent();

        await().atMost(Duration.ofSeconds(TicketStack.REACTIVATION_AFTER + 5)).until(() -> Instant.now().isAfter(retryAt.plusMillis(200)));
        HttpResponse<String> opened = ticket.open(fields, parts);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String caseId = Scenario.json(opened.body()).get("id").asText();

        String reviewer = ticket.reviewerToken();
        HttpResponse<String> approved = ticket.review(reviewer, caseId, "approve", null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(ticket.review(reviewer, caseId, "approve", null).statusCode()).as("a closed case").isEqualTo(409);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> auth.login(email, PASSWORD).statusCode() == 201);
    }

    @Test
    void anAppealFromAnotherEmailIsRefusedLikeAWrongCode() {
        String email = Scenario.freshEmail("appeal-owner");
        String accountId = Scenario.registerAccount(auth, email);
        String code = ticket.awaitEmailCode(accountId, email, "UNABLE_TO_LOG_IN");
        List<String> parts = List.of("idFront", "idBack", "selfie");

        HttpResponse<String> fromElsewhere = ticket.open(Map.of("type", "UNABLE_TO_LOG_IN",
                "identifier", Scenario.freshEmail("not-the-owner"), "code", code), parts);
        HttpResponse<String> wrongCode = ticket.open(Map.of("type", "UNABLE_TO_LOG_IN",
                "identifier", email, "code", code.equals("000000") ? "111111" : "000000"), parts);
        assertThat(fromElsewhere.statusCode()).isEqualTo(400);
        assertThat(fromElsewhere.body()).isEqualTo(wrongCode.body()).contains("invalid_code");

        HttpResponse<String> owner = ticket.open(Map.of("type", "UNABLE_TO_LOG_IN", "identifier", email, "code", code), parts);
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(201);
    }
}
