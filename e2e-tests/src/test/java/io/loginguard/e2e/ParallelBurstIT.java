package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static io.loginguard.e2e.Scenario.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.testinfra.kafka.KafkaProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact-lockout promise: 200 wrong passwords fired at once at one account, spread over two auth nodes,
 * check exactly 5 passwords. Counted three ways: HTTP answers, the nodes' password-check metric, and the
 * admitted attempts on auth.login-attempts.
 */
class ParallelBurstIT {
    static final int BURST = 200;
    static Stack stack;
    static List<AuthClient> nodes;
    static KafkaProbe kafka;

    @BeforeAll
    static void start() {
        stack = Stack.get();
        nodes = stack.auth.stream().map(AuthClient::new).toList();
        kafka = new KafkaProbe(stack.kafka);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void twoHundredParallelWrongPasswordsCheckExactlyFive() {
        BurstResult result = burst(stack, nodes, kafka, BURST);

        assertThat(result.statusCounts()).containsEntry(401, 5L).containsEntry(429, (long) BURST - 5);
        assertThat(result.passwordsChecked()).isEqualTo(5);
        assertThat(result.admittedOnTopic()).isEqualTo(5);
        assertThat(result.lockEngaged()).isTrue();
        assertThat(result.rightPasswordAfterwards()).isEqualTo(429);
        assertThat(result.retryAfterSeconds()).as("refused by the lock itself, not by attempts in flight")
                .isBetween(1700L, 1800L);
    }

    /** One burst on a fresh account; shared with the benchmark that repeats it. */
    static BurstResult burst(Stack stack, List<AuthClient> nodes, KafkaProbe kafka, int size) {
        String email = Scenario.freshEmail("burst");
        String accountId = Scenario.registerAccount(nodes.get(0), email);
        double checksBefore = nodes.stream().mapToDouble(AuthClient::passwordChecks).sum();

        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            inFlight.add(nodes.get(i % nodes.size()).loginAsync(email, WRONG));
        }
        Map<Integer, Long> statuses = inFlight.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        double checks = nodes.stream().mapToDouble(AuthClient::passwordChecks).sum() - checksBefore;

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Scenario.verdicts(kafka, accountId))
                .as("one verdict per attempt (%d attempts on the topic, answers %s)",
                        Scenario.attempts(kafka, accountId).size(), statuses)
                .hasSize(size));
        List<LoginAttempted> attempts = Scenario.attempts(kafka, accountId);
        long admitted = attempts.stream().filter(LoginAttempted::admitted).count();
        boolean locked = Scenario.decisions(kafka, accountId).stream().anyMatch(d -> d.type() == RiskDecision.Type.LOCKED);
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.settledAtAuth(accountId));
        HttpResponse<String> after = nodes.get(1 % nodes.size()).login(email, PASSWORD);
        long retryAfter = after.headers().firstValue("Retry-After").map(Long::parseLong).orElse(-1L);
        return new BurstResult(statuses, (long) checks, admitted, locked, after.statusCode(), retryAfter);
    }

    record BurstResult(Map<Integer, Long> statusCounts, long passwordsChecked, long admittedOnTopic, boolean lockEngaged,
                       int rightPasswordAfterwards, long retryAfterSeconds) {
        static Function<BurstResult, String> row(int run) {
            return r -> String.format("| %d | %d | %d | %s | %d (Retry-After %d s) | %s |", run, r.passwordsChecked(),
                    r.admittedOnTopic(), r.lockEngaged() ? "yes" : "no", r.rightPasswordAfterwards(), r.retryAfterSeconds(),
                    r.statusCounts());
        }
    }
}
