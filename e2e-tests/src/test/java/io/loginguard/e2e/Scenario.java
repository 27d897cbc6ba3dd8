package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

/** Steps the end-to-end tests share: a registered account, and what the topics say about it. */
final class Scenario {
    static final String PASSWORD = "Correct1horse";
    static final String WRONG = "Wrong1horse1";

    private Scenario() {
    }

    /** Registers a fresh account through the given node and returns its id. */
    static String registerAccount(AuthClient auth, String email) {
        HttpResponse<String> r = auth.register(email, PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r.body()).get("id").asText();
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
