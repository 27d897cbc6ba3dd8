package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.kafka.KafkaProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two risk-service instances share the work: each owns some partitions, so an account's state lives on one of them.
 * Asked for an account it does not hold, an instance answers 307 with the owner's address (each instance names
 * itself in {@code kafka-streams.application.server}); following it gives the account's state.
 */
class RiskQueryIT {
    private static final int ACCOUNTS = 24;
    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final List<AutoCloseable> running = new ArrayList<>();
    private static final List<ServiceProcess> risks = new ArrayList<>();
    private static KafkaBroker broker;

    @BeforeAll
    static void stack() throws IOException {
        broker = keep(KafkaBroker.startEphemeral());
        broker.createCatalogueTopics();
        List<ServiceProcess> launched = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            int port = KafkaBroker.freePort();
            launched.add(keep(ServiceProcess.launch("risk-service", "query-risk-" + i, Map.of(
                    "quarkus.http.port", Integer.toString(port),
                    "kafka-streams.application.server", "localhost:" + port,
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "loginguard.risk.ip-throttle.enabled", "false",
                    "loginguard.risk.state-dir", Files.createTempDirectory("e2e-risk-query").toString()))));
        }
        for (ServiceProcess risk : launched) {
            risk.awaitReady(Duration.ofSeconds(120));
            risks.add(risk);
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void eitherInstanceAnswersForEveryAccountRedirectingToTheOneThatHoldsIt() {
        List<String> accounts = new ArrayList<>();
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        try (KafkaProbe kafka = new KafkaProbe(broker.bootstrapServers())) {
            for (int i = 0; i < ACCOUNTS; i++) {
                String account = UUID.randomUUID().toString();
                accounts.add(account);
                for (long seq = 1; seq <= 2; seq++) { // two wrong passwords each: a streak of 2 to find again
                    LoginAttempted a = new LoginAttempted(UUID.randomUUID(), t = t.plusMillis(100), account,
                            UUID.randomUUID(), seq, LoginAttempted.Stage.PASSWORD, LoginAttempted.Outcome.BAD_PASSWORD,
                            LoginAttempted.Method.EMAIL_PASSWORD, "203.0.113.9", "DE", null, null, "device-" + i,
                            "e2e", null);
                    RecordHeaders headers = new RecordHeaders();
                    CloudEventHeaders.write(headers, a);
                    kafka.send(Topics.LOGIN_ATTEMPTS, account, EventJson.toBytes(a), headers.toArray());
                }
            }
        }

        // once both instances have settled their partitions, every account is found through either of them
        int[] redirects = new int[risks.size()];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (int r = 0; r < risks.size(); r++) {
                redirects[r] = 0;
                for (String account : accounts) {
                    HttpResponse<String> first = get(risks.get(r).url("/api/v1/risk/accounts/" + account));
                    HttpResponse<String> answer = first;
                    if (first.statusCode() == 307) {
                        redirects[r]++;
                        String location = first.headers().firstValue("Location").orElseThrow();
                        assertThat(location).as("the other instance").isNotEqualTo(risks.get(r).url("/api/v1/risk/accounts/" + account));
                        answer = get(location);
                    }
                    assertThat(answer.statusCode()).as("%s via instance %d: %s", account, r + 1, answer.body()).isEqualTo(200);
                    JsonNode view = Scenario.json(answer.body());
                    assertThat(view.get("accountKey").asText()).isEqualTo(account);
                    assertThat(view.get("counters").get("consecutiveFailures").asInt()).isEqualTo(2);
                }
            }
        });
        // each instance held some accounts and sent the rest to the other: the redirect really was exercised
        for (int r = 0; r < risks.size(); r++) {
            assertThat(redirects[r]).as("accounts instance %d redirected", r + 1).isBetween(1, ACCOUNTS - 1);
        }
        assertThat(redirects[0] + redirects[1]).as("every account is held by exactly one instance").isEqualTo(ACCOUNTS);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }
}
