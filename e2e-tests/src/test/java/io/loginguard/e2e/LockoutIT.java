package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static io.loginguard.e2e.Scenario.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.testinfra.kafka.KafkaProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Five wrong passwords lock the account: the packaged auth-service and risk-service, through Kafka. */
class LockoutIT {
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
    void fiveWrongPasswordsThenTheRightOneIsRefusedWith429() {
        String email = Scenario.freshEmail("lockout");
        String accountId = Scenario.registerAccount(auth, email);

        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> r = auth.login(email, WRONG);
            assertThat(r.statusCode()).as("attempt %d: %s", i, r.body()).isEqualTo(401);
        }
        // risk decides the lock from the events: one LOCKED decision, and the fifth verdict says LOCKED
        await().atMost(Duration.ofSeconds(30)).until(() -> !Scenario.decisions(kafka, accountId).isEmpty());
        List<RiskDecision> decisions = Scenario.decisions(kafka, accountId);
        assertThat(decisions).extracting(RiskDecision::type).containsExactly(RiskDecision.Type.LOCKED);
        await().atMost(Duration.ofSeconds(30)).until(() -> Scenario.verdicts(kafka, accountId).size() == 5);
        RiskVerdict fifth = Scenario.verdicts(kafka, accountId).get(4);
        assertThat(fifth.verdict()).isEqualTo(RiskVerdict.Verdict.LOCKED);
        assertThat(fifth.admittedProcessed()).isEqualTo(5);
        assertThat(Duration.between(fifth.occurredAt(), fifth.lockedUntil())).isEqualTo(Duration.ofMinutes(30));

        // auth enforces it once it has applied the verdicts: the right password is refused without being checked
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.settledAtAuth(accountId));
        double checksBefore = auth.passwordChecks();
        HttpResponse<String> refused = auth.login(email, PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Scenario.json(refused.body()).get("code").asText()).isEqualTo("too_frequent");
        assertThat(Scenario.json(refused.body()).get("title").asText()).isEqualTo("Operations too frequent");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1700L, 1800L);
        assertThat(auth.passwordChecks()).isEqualTo(checksBefore);

        List<LoginAttempted> attempts = Scenario.attempts(kafka, accountId);
        assertThat(attempts).hasSize(6);
        assertThat(attempts.get(5).outcome()).isEqualTo(LoginAttempted.Outcome.REJECTED_LOCKED);
        assertThat(attempts.get(5).sequence()).isNull();
    }

    @Test
    void aSuccessResetsTheStreak() {
        String email = Scenario.freshEmail("reset");
        String accountId = Scenario.registerAccount(auth, email);
        for (int i = 0; i < 4; i++) {
            assertThat(auth.login(email, WRONG).statusCode()).isEqualTo(401);
        }
        assertThat(auth.login(email, PASSWORD).statusCode()).isEqualTo(201);
        // once auth has risk's confirmation of those five, four more failures are still allowed
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.settledAtAuth(accountId));
        for (int i = 0; i < 4; i++) {
            assertThat(auth.login(email, WRONG).statusCode()).isEqualTo(401);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.settledAtAuth(accountId));
        assertThat(auth.login(email, PASSWORD).statusCode()).isEqualTo(201);
        assertThat(Scenario.decisions(kafka, accountId)).isEmpty();
    }
}
