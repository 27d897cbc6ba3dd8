package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static io.loginguard.e2e.Scenario.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.redis.RedisServer;
import io.loginguard.testinfra.redis.TestKeyspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness never waits on a login: the packaged auth and risk, on brokers of this class's own (it stops and
 * replaces them, which the shared {@link Stack} must never see), with a database and Redis prefix of its own.
 */
class PipelineRecoveryIT {
    TestDatabase db;
    TestKeyspace keys;
    final String hmacKey = "e2e-" + UUID.randomUUID();
    final List<AutoCloseable> running = new ArrayList<>();

    @BeforeEach
    void servers() {
        db = PostgresServer.fromEnvironment().createDatabase("e2e_pipeline");
        keys = RedisServer.fromEnvironment().newKeyspace("e2e-pipeline");
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        db.close();
        keys.close();
    }

    @Test
    void riskStoppedAtAQuietHourMakesAuthNotReadyAndItsReturnMakesItReadyWithoutAnyLogin() throws IOException {
        KafkaBroker broker = keep(KafkaBroker.startEphemeral().createCatalogueTopics());
        String riskState = Files.createTempDirectory("e2e-risk-state").toString();
        ServiceProcess risk = keep(risk(broker, riskState));
        ServiceProcess auth = keep(ServiceProcess.start("auth-service", "pipeline-auth", auth(broker))); // ready: no login sent

        risk.close();
        long stopped = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> !auth.isReady());
        long notReadyAfterMs = (System.nanoTime() - stopped) / 1_000_000;
        assertThat(notReadyAfterMs).as("not ready within the confirmation timeout (10 s) and a tick").isLessThan(13_000);

        keep(risk(broker, riskState));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(auth::isReady);
    }

    @Test
    void aReplacedClusterWithAnAttemptUnansweredIsReadyWithin15SecondsAndTheAccountRecovers() throws IOException {
        KafkaBroker first = KafkaBroker.startEphemeral().createCatalogueTopics();
        ServiceProcess risk = risk(first, Files.createTempDirectory("e2e-risk-state").toString());
        ServiceProcess auth = ServiceProcess.start("auth-service", "pipeline-auth-1", auth(first));
        AuthClient client = new AuthClient(auth);
        String email = Scenario.freshEmail("replaced");
        String accountId = Scenario.registerAccount(client, email);
        String gate = keys.prefix() + "{" + accountId + "}:gate";

        risk.close(); // the attempt is published, and nobody will ever answer it on this cluster
        assertThat(client.login(email, WRONG).statusCode()).isEqualTo(401);
        assertThat(inFlight(gate)).isEqualTo(1);
        auth.close();
        first.close();

        KafkaBroker second = keep(KafkaBroker.startEphemeral().createCatalogueTopics());
        keep(risk(second, Files.createTempDirectory("e2e-risk-state").toString()));
        long launched = System.nanoTime();
        ServiceProcess again = keep(ServiceProcess.launch("auth-service", "pipeline-auth-2", auth(second)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(again::answers);
        long listening = System.nanoTime();
        again.awaitReady(Duration.ofSeconds(60));
        long readyAfterMs = (System.nanoTime() - listening) / 1_000_000;
        long bootMs = (listening - launched) / 1_000_000;
        System.out.printf("replaced cluster: auth answered %d ms after launch, ready %d ms after that%n", bootMs, readyAfterMs);
        // The JVM's own start (8 to 15 s on this 2-core machine while a broker and risk run) is not the pipeline's
        // doing; from the moment auth answers, proving the new cluster's pipeline must take well under 15 s.
        assertThat(readyAfterMs).as("ready without any login, once auth is up").isLessThan(15_000);

        // the old attempt is given up once heartbeats through its partition pass it, and the account logs in
        AuthClient recovered = new AuthClient(again);
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                .until(() -> recovered.login(email, PASSWORD).statusCode() == 201);
        // the login is answered by the verdict listener; the gate's slot is freed by the group consumer applying
        // the same verdict, which may come a moment later
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> inFlight(gate) == 0);
        assertThat(again.tail()).contains("gave up 1 unanswered attempt(s) of " + accountId);
    }

    private ServiceProcess risk(KafkaBroker broker, String stateDir) throws IOException {
        return ServiceProcess.start("risk-service", "pipeline-risk", Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "loginguard.risk.ip-throttle.enabled", "false", // every client here is 127.0.0.1
                "loginguard.risk.state-dir", stateDir));
    }

    private Map<String, String> auth(KafkaBroker broker) {
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password(),
                "quarkus.redis.hosts", keys.uri(),
                "loginguard.redis.key-prefix", keys.prefix(),
                "loginguard.auth.identifier-hmac-key", hmacKey,
                "loginguard.auth.sealing.key", Scenario.SEALING_KEY_BASE64,
                "loginguard.auth.secrets.key", Scenario.SECRETS_KEY_BASE64);
    }

    private long inFlight(String gate) {
        try {
            Object fields = RedisServer.fromEnvironment().command("HKEYS", gate);
            return fields == null ? 0 : ((List<?>) fields).stream().filter(f -> f.toString().startsWith("f:")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }
}
