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

        // Every login is answered: 401 for a checked wrong password, 429 refused by the gate or the lock, or (on a
        // 2-core machine, 100 parallel requests per node) 503s when the 1 s wait for a database connection runs out
        // before the account is even looked up: refused fast, nothing checked, nothing published. How many depends
        // on the machine's load (2 and 29 of 200 seen in CI runs on a busy 2-core machine); the bound catches a
        // node that sheds most of its logins, the exact counts below are the promise.
        Map<Integer, Long> answers = result.statusCounts();
        long unavailable = answers.getOrDefault(503, 0L);
        assertThat(answers.keySet()).isSubsetOf(401, 429, 503);
        assertThat(unavailable).as("503s, bounded").isLessThanOrEqualTo(BURST / 2);
        assertThat(answers.getOrDefault(401, 0L)).isBetween(5 - unavailable, 5L);
        assertThat(answers.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(BURST);
        // the exact lockout itself: five passwords checked, whatever the answers
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

        // every published attempt gets its verdict (a login refused 503 before its lookup publishes nothing)
        long unavailable = statuses.getOrDefault(503, 0L);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            int published = Scenario.attempts(kafka, accountId).size();
            assertThat(published).as("attempts on the topic (answers %s)", statuses)
                    .isBetween((int) (size - unavailable), size);
            assertThat(Scenario.verdicts(kafka, accountId))
                    .as("one verdict per attempt (%d attempts on the topic, answers %s)", published, statuses)
                    .hasSize(published);
        });
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
