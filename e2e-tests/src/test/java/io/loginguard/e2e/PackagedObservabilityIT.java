package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static io.loginguard.e2e.Scenario.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.redis.RedisServer;
import io.loginguard.testinfra.redis.TestKeyspace;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the packaged auth-service and risk-service offer an operator, as deployed. Started with the logging variable
 * their Kubernetes ConfigMaps set ({@code QUARKUS_LOG_CONSOLE_JSON_ENABLED}), they write one JSON object a line, and no
 * secret of a login reaches them: a registration, its code, a session, five wrong passwords and the lock they cause.
 * Both serve /q/openapi, Swagger UI and /q/metrics (the other two services are checked the same way by their own
 * tests and by {@link TraceIT}'s start). Its own broker, database and Redis prefix.
 */
class PackagedObservabilityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VARIABLE = "QUARKUS_LOG_CONSOLE_JSON_ENABLED";
    private static final List<AutoCloseable> running = new ArrayList<>();
    private static final String HMAC_KEY = "e2e-" + UUID.randomUUID();
    private static ServiceProcess risk;
    private static ServiceProcess auth;

    @BeforeAll
    static void stack() throws IOException {
        KafkaBroker broker = keep(KafkaBroker.startEphemeral());
        broker.createCatalogueTopics();
        TestDatabase db = keep(PostgresServer.fromEnvironment().createDatabase("e2e_json_logs_auth"));
        TestKeyspace keys = keep(RedisServer.fromEnvironment().newKeyspace("e2e-json-logs"));
        risk = keep(ServiceProcess.launch("risk-service", "json-logs-risk", Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "loginguard.risk.ip-throttle.enabled", "false",
                "loginguard.risk.state-dir", Files.createTempDirectory("e2e-json-logs-risk").toString()),
                deployedLogging("risk-service")));
        risk.awaitReady(Duration.ofSeconds(120));
        Map<String, String> authConfig = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password(),
                "quarkus.redis.hosts", keys.uri(),
                "loginguard.redis.key-prefix", keys.prefix(),
                "loginguard.auth.identifier-hmac-key", HMAC_KEY,
                "loginguard.auth.sealing.key", Scenario.SEALING_KEY_BASE64,
                "loginguard.auth.secrets.key", Scenario.SECRETS_KEY_BASE64));
        auth = keep(ServiceProcess.launch("auth-service", "json-logs-auth", authConfig, deployedLogging("auth-service")));
        // beyond the usual 120 s: on a loaded machine a rebuild lock whose SET timed out at the client holds 2 min
        auth.awaitReady(Duration.ofSeconds(200));
    }

    /** The logging variable as the service's Kubernetes ConfigMap sets it (deploy-tests check compose sets the same). */
    private static Map<String, String> deployedLogging(String service) throws IOException {
        String configMap = Files.readString(ServiceProcess.projectRoot().resolve("deploy/base/" + service + "/configmap.yaml"));
        Matcher m = Pattern.compile("(?m)^\\s+" + VARIABLE + ":\\s*\"?(\\w+)\"?\\s*$").matcher(configMap);
        assertThat(m.find()).as("%s's ConfigMap sets %s", service, VARIABLE).isTrue();
        return Map.of(VARIABLE, m.group(1));
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void everyLineIsAJsonObjectAndNoSecretIsLogged() throws Exception {
        AuthClient client = new AuthClient(auth);
        String email = Scenario.freshEmail("json-logs");
        HttpResponse<String> registered = client.register(email, PASSWORD);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        String code = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Scenario.codeSentTo(client.kafkaBootstrap(), email), Optional::isPresent).orElseThrow();
        HttpResponse<String> verified = client.verify(email, code);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        HttpResponse<String> session = client.login(email, PASSWORD);
        assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
        String token = Scenario.json(session.body()).path("token").asText();
        for (int i = 0; i < 5; i++) {
            assertThat(client.login(email, WRONG).statusCode()).isEqualTo(401);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.login(email, PASSWORD).statusCode() == 429);

        List<String> secrets = List.of(PASSWORD, WRONG, code, HMAC_KEY, Scenario.SEALING_KEY_BASE64, Scenario.SECRETS_KEY_BASE64);
        for (ServiceProcess service : List.of(auth, risk)) {
            List<String> lines = service.logLines().stream().filter(l -> !l.isBlank()).toList();
            assertThat(lines).as("%s wrote its start-up lines", service.url("")).hasSizeGreaterThan(3);
            for (String line : lines) {
                JsonNode record = parse(line);
                assertThat(record.isObject()).as(line).isTrue();
                assertThat(record.path("timestamp").asText()).as(line).isNotBlank();
                assertThat(record.path("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL");
                assertThat(record.path("loggerName").asText()).as(line).isNotBlank();
                assertThat(record.has("message")).as(line).isTrue();
                for (String secret : secrets) {
                    assertThat(line).doesNotContain(secret);
                }
                if (!token.isEmpty()) {
                    assertThat(line).doesNotContain(token);
                }
            }
        }
        // the lines say what happened: the service's start, in a field a log store can index
        assertThat(auth.logLines()).filteredOn(l -> !l.isBlank()).anyMatch(l -> parse(l).path("message").asText().contains("started in"));
    }

    @Test
    void openApiSwaggerUiAndMetricsAreServedByThePackagedServices() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (ServiceProcess service : List.of(auth, risk)) {
            HttpResponse<String> openapi = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    service.url("/q/openapi?format=json"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(openapi.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(openapi.body()).path("info").path("title").asText()).startsWith("Loginguard ");
            assertThat(JSON.readTree(openapi.body()).path("paths").size()).isPositive();
            HttpResponse<String> ui = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    service.url("/q/swagger-ui/"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ui.statusCode()).isEqualTo(200);
            assertThat(ui.body()).containsIgnoringCase("swagger");
            HttpResponse<String> metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    service.url("/q/metrics"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains(service == auth ? "loginguard_login_attempts_total" : "loginguard_risk_decisions_total");
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    private static <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }
}
