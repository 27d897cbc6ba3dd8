package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.SealedParams;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.UUID;

/** Steps the end-to-end tests share: a registered account, and what the topics say about it. */
final class Scenario {
    static final String PASSWORD = "Correct1horse";
    static final String WRONG = "Wrong1horse1";

    private Scenario() {
    }

    /** The key auth seals codes with in these tests (id "dev"): random per run, as a deployment's would be. */
    static final byte[] SEALING_KEY = randomKey();
    static final String SEALING_KEY_BASE64 = Base64.getEncoder().encodeToString(SEALING_KEY);
    /** The key auth seals second-factor secrets with at rest in these tests. */
    static final String SECRETS_KEY_BASE64 = Base64.getEncoder().encodeToString(randomKey());

    /** Registers a fresh account through the given node, verifies it with the code sent, and returns its id. */
    static String registerAccount(AuthClient auth, String email) {
        HttpResponse<String> r = auth.register(email, PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String code = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> codeSentTo(auth.kafkaBootstrap(), email), Optional::isPresent).orElseThrow();
        HttpResponse<String> verified = auth.verify(email, code);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        return json(verified.body()).get("id").asText();
    }

    /** The newest code sent to the destination (from notification.requests, opened as notification would). */
    static Optional<String> codeSentTo(String bootstrap, String destination) {
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            return kafka.read(Topics.NOTIFICATION_REQUESTS, null).stream()
                    .map(rec -> EventJson.fromBytes(rec.value(), NotificationRequested.class))
                    .filter(n -> destination.equals(n.destination()) && n.sealedParams() != null)
                    .max(Comparator.comparing(NotificationRequested::occurredAt))
                    .map(n -> SealedParams.open(n.sealedParams(), n.requestId().toString(), Map.of("dev", SEALING_KEY))
                            .get("code"));
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    static String freshEmail(String purpose) {
        return purpose + "-" + UUID.randomUUID() + "@example.com";
    }

    static JsonNode json(String body) {
        try {
            return EventJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<LoginAttempted> attempts(KafkaProbe kafka, String accountId) {
        return kafka.read(Topics.LOGIN_ATTEMPTS, accountId).stream()
                .map(r -> EventJson.fromBytes(r.value(), LoginAttempted.class)).toList();
    }

    static List<RiskVerdict> verdicts(KafkaProbe kafka, String accountId) {
        return kafka.read(Topics.RISK_VERDICTS, accountId).stream()
                .map(r -> EventJson.fromBytes(r.value(), RiskVerdict.class)).toList();
    }

    static List<RiskDecision> decisions(KafkaProbe kafka, String accountId) {
        return kafka.read(Topics.RISK_DECISIONS, accountId).stream()
                .map(r -> EventJson.fromBytes(r.value(), RiskDecision.class)).toList();
    }
}
