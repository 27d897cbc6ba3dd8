package io.loginguard.auth.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.loginguard.testinfra.metrics.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * auth's counters on /q/metrics, read after driving what they count: logins by stage and outcome (a lock's refusals
 * among them) and records dead-lettered to auth.dlq. Against the real broker, PostgreSQL and Redis.
 */
@QuarkusTest
class LoginMetricsTest {
    private static final String PASSWORD = "Correct1horse";
    private static final String ATTEMPTS = "loginguard_login_attempts_total";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    PipelineView pipeline;

    KafkaProbe kafka;

    @BeforeEach
    void probe() {
        kafka = new KafkaProbe(bootstrap);
        RiskHeartbeatResponder.answering(bootstrap, pipeline);
    }

    @AfterEach
    void closeProbe() {
        kafka.close();
    }

    @Test
    void loginsAreCountedByOutcomeWithTheLocksRefusals() {
        String email = "metrics-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        double succeeded = attempts("SUCCEEDED");
        double badPassword = attempts("BAD_PASSWORD");
        double refused = attempts("REJECTED_LOCKED");
        double unknown = attempts("UNKNOWN_ACCOUNT");

        LoginTest.login(email, PASSWORD).then().statusCode(201);
        for (int i = 0; i < 5; i++) {
            LoginTest.login(email, "Wrong1horse").then().statusCode(401);
        }
        LoginTest.login(email, PASSWORD).then().statusCode(429); // five unconfirmed failures: refused unchecked
        LoginTest.login("nobody-" + UUID.randomUUID() + "@example.com", "Wrong1horse").then().statusCode(401);

        assertThat(attempts("SUCCEEDED") - succeeded).isEqualTo(1.0);
        assertThat(attempts("BAD_PASSWORD") - badPassword).isEqualTo(5.0);
        assertThat(attempts("REJECTED_LOCKED") - refused).isEqualTo(1.0);
        assertThat(attempts("UNKNOWN_ACCOUNT") - unknown).isEqualTo(1.0);
        // no account, address or identifier in any series: only the stage and the outcome
        assertThat(scrape().lines().filter(l -> l.startsWith(ATTEMPTS + "{")))
                .isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain(email).matches(
                        ATTEMPTS + "\\{outcome=\"[A-Z_]+\",stage=\"[A-Z_]+\"\\} .*"));
    }

    @Test
    void anUnreadableRecordSentToTheDeadLetterTopicIsCounted() {
        String source = "source=\"" + Topics.RISK_VERDICTS + "\"";
        double before = PrometheusText.sum(scrape(), "loginguard_dead_letters_total", source);
        String key = "dlq-metric-" + UUID.randomUUID();
        kafka.send(Topics.RISK_VERDICTS, key, "{not json".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> !kafka.read(Topics.AUTH_DLQ, key).isEmpty());
        assertThat(PrometheusText.sum(scrape(), "loginguard_dead_letters_total", source, "dlq=\"" + Topics.AUTH_DLQ + "\"")
                - before).isEqualTo(1.0);
    }

    private static double attempts(String outcome) {
        return PrometheusText.sum(scrape(), ATTEMPTS, "stage=\"PASSWORD\"", "outcome=\"" + outcome + "\"");
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
