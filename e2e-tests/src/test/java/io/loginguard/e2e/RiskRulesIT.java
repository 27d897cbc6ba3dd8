package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static io.loginguard.e2e.Scenario.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.EventJson;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.redis.RedisServer;
import io.loginguard.testinfra.redis.TestKeyspace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Risk's rules beyond the plain lockout, seen by a person at auth's login: IP throttling, lockout mode
 * {@code account-and-source}, and geo risk control. Its own broker and processes: risk with IP throttling on (the
 * shared suite's clients all come from 127.0.0.1, so it runs without) and in mode account-and-source, auth trusting
 * 127.0.0.1 as the proxy that names the client's address in X-Forwarded-For.
 */
class RiskRulesIT {
    private static final String SPRAYER = "198.51.100.7";
    private static final String OWNER = "203.0.113.20";
    private static final List<AutoCloseable> running = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static KafkaBroker broker;
    private static ServiceProcess risk;
    private static ServiceProcess auth;

    @BeforeAll
    static void stack() throws IOException {
        broker = keep(KafkaBroker.startEphemeral());
        broker.createCatalogueTopics();
        TestDatabase db = keep(PostgresServer.fromEnvironment().createDatabase("e2e_riskrules"));
        TestKeyspace keys = keep(RedisServer.fromEnvironment().newKeyspace("e2e-riskrules"));
        risk = keep(ServiceProcess.start("risk-service", "riskrules-risk", Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "loginguard.risk.lockout.mode", "account-and-source",
                "loginguard.risk.state-dir", Files.createTempDirectory("e2e-risk-state").toString())));
        auth = keep(ServiceProcess.start("auth-service", "riskrules-auth", Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", broker.bootstrapServers()),
                Map.entry("quarkus.datasource.jdbc.url", db.jdbcUrl()),
                Map.entry("quarkus.datasource.username", db.user()),
                Map.entry("quarkus.datasource.password", db.password()),
                Map.entry("quarkus.redis.hosts", keys.uri()),
                Map.entry("loginguard.redis.key-prefix", keys.prefix()),
                Map.entry("loginguard.auth.identifier-hmac-key", "e2e-" + UUID.randomUUID()),
                Map.entry("loginguard.auth.sealing.key", Scenario.SEALING_KEY_BASE64),
                Map.entry("loginguard.auth.secrets.key", Scenario.SECRETS_KEY_BASE64),
                Map.entry("loginguard.auth.client.trusted-proxies", "127.0.0.1/32"))));
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void oneAddressSprayingFiftyAccountsIsThrottledAndTheOwnerElsewhereIsNot() throws Exception {
        String email = Scenario.freshEmail("ip-owner");
        String accountId = Scenario.registerAccount(new AuthClient(auth), email);

        for (int i = 0; i < 50; i++) { // the same wrong password tried on 50 addresses, most of them not accounts
            HttpResponse<String> r = login(Scenario.freshEmail("sprayed-" + i), WRONG, SPRAYER);
            assertThat(r.statusCode()).as(r.body()).isIn(401, 429);
        }
        try (KafkaProbe kafka = new KafkaProbe(broker.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.read(Topics.RISK_DECISIONS, "ip:" + SPRAYER).stream()
                    .map(rec -> EventJson.fromBytes(rec.value(), RiskDecision.class))
                    .anyMatch(d -> d.type() == RiskDecision.Type.IP_THROTTLED));
        }

        // the owner's right password from the sprayer's address: refused like the rest of that address's attempts
        await().atMost(Duration.ofSeconds(20)).until(() -> login(email, PASSWORD, SPRAYER).statusCode() == 429);
        HttpResponse<String> refused = login(email, PASSWORD, SPRAYER);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("too_frequent");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).as("until the address's throttle (30 min) ends").isBetween(1500L, 1800L);
        // a wrong password from there gets the same answer: which password was right cannot be told apart
        for (String identifier : List.of(email, Scenario.freshEmail("sprayed-after"))) {
            HttpResponse<String> wrong = login(identifier, WRONG, SPRAYER);
            assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(429);
            assertThat(wrong.body()).contains("too_frequent");
            assertThat(Long.parseLong(wrong.headers().firstValue("Retry-After").orElseThrow())).isBetween(1500L, 1800L);
        }

        // from the owner's own address the account is not locked: the throttle is the address's, not the account's
        HttpResponse<String> owner = login(email, PASSWORD, OWNER);
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(201);

        HttpResponse<String> view = HTTP.send(HttpRequest.newBuilder(URI.create(risk.url("/api/v1/risk/ips/" + SPRAYER)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        assertThat(Scenario.json(view.body()).get("throttled").asBoolean()).isTrue();
        assertThat(accountId).isNotBlank();
    }

    @Test
    void duringAnAttackFromAnUnknownDeviceTheOwnersKnownDeviceStillLogsIn() throws Exception {
        String email = Scenario.freshEmail("source-owner");
        String accountId = Scenario.registerAccount(new AuthClient(auth), email);
        String owner = "203.0.113.40";
        String attacker = "198.51.100.40";
        assertThat(login(email, PASSWORD, owner, "owner-phone", null).statusCode()).isEqualTo(201); // now a known device

        for (int i = 1; i <= 6; i++) { // past the threshold (5), from a device and address the owner never used
            HttpResponse<String> r = login(email, WRONG, attacker, "attacker-box", null);
            assertThat(r.statusCode()).as("attempt %d: %s", i, r.body()).isIn(401, 429);
        }
        try (KafkaProbe kafka = new KafkaProbe(broker.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Scenario.decisions(kafka, accountId).stream()
                    .anyMatch(d -> d.type() == RiskDecision.Type.LOCKED));
            RiskDecision lock = Scenario.decisions(kafka, accountId).stream()
                    .filter(d -> d.type() == RiskDecision.Type.LOCKED).findFirst().orElseThrow();
            assertThat(lock.details()).containsEntry("source", "attacker-box@" + attacker);
        }

        // the attacker's source is locked, and auth's gate knows it from risk's verdict: its attempts are refused
        // before any password is hashed, the right password as the wrong one, so the source learns nothing and
        // costs nothing more
        AuthClient client = new AuthClient(auth);
        await().atMost(Duration.ofSeconds(10)).until(() -> { // the lock's verdict applied at auth
            double before = client.passwordChecks();
            return login(email, WRONG, attacker, "attacker-box", null).statusCode() == 429
                    && client.passwordChecks() == before;
        });
        double checksBefore = client.passwordChecks();
        HttpResponse<String> attackerRight = login(email, PASSWORD, attacker, "attacker-box", null);
        assertThat(attackerRight.statusCode()).as(attackerRight.body()).isEqualTo(429);
        assertThat(attackerRight.body()).contains("too_frequent");
        HttpResponse<String> attackerWrong = login(email, WRONG, attacker, "attacker-box", null);
        assertThat(attackerWrong.statusCode()).as(attackerWrong.body()).isEqualTo(429);
        assertThat(attackerWrong.body()).contains("too_frequent");
        assertThat(Long.parseLong(attackerWrong.headers().firstValue("Retry-After").orElseThrow()))
                .as("until the source's lock (30 min) ends").isBetween(1500L, 1800L);
        assertThat(client.passwordChecks()).as("passwords hashed for the locked source").isEqualTo(checksBefore);
        // ...while the owner's known device is not locked out by the attack (in mode account it would be)
        HttpResponse<String> ownerAgain = login(email, PASSWORD, owner, "owner-phone", null);
        assertThat(ownerAgain.statusCode()).as(ownerAgain.body()).isEqualTo(201);
    }

    @Test
    void aLoginFromACountryTheAccountNeverUsedAsksForIdentityVerification() throws Exception {
        String email = Scenario.freshEmail("geo");
        String accountId = Scenario.registerAccount(new AuthClient(auth), email);
        String from = "203.0.113.60";
        HttpResponse<String> home = login(email, PASSWORD, from, "geo-laptop", "DE"); // the first country is known
        assertThat(home.statusCode()).as(home.body()).isEqualTo(201);

        HttpResponse<String> abroad = login(email, PASSWORD, from, "geo-laptop", "BR");
        assertThat(abroad.statusCode()).as(abroad.body()).isEqualTo(403);
        assertThat(Scenario.json(abroad.body()).get("code").asText()).isEqualTo("step_up_required");
        try (KafkaProbe kafka = new KafkaProbe(broker.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Scenario.decisions(kafka, accountId).stream()
                    .anyMatch(d -> d.type() == RiskDecision.Type.STEP_UP_REQUIRED));
            assertThat(Scenario.decisions(kafka, accountId)).extracting(RiskDecision::type)
                    .contains(RiskDecision.Type.NEW_LOCATION, RiskDecision.Type.STEP_UP_REQUIRED);
        }
        // back home the account logs in as before: the step-up concerned the new country only
        HttpResponse<String> back = login(email, PASSWORD, from, "geo-laptop", "DE");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(201);
    }

    private static HttpResponse<String> login(String email, String password, String from) throws Exception {
        return login(email, password, from, "device-of-" + from, null);
    }

    private static HttpResponse<String> login(String email, String password, String from, String device, String country)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(auth.url("/api/v1/sessions")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", from)
                .header("X-Device-Id", device)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
        if (country != null) {
            b.header("X-Client-Country", country);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }
}
