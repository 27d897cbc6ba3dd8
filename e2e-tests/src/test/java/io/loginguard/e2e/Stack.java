package io.loginguard.e2e;

import io.loginguard.testinfra.kafka.SharedKafka;
import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.redis.RedisServer;
import io.loginguard.testinfra.redis.TestKeyspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The system under test, once per test JVM: the real broker, a database and Redis prefix of its own, one
 * risk-service and two auth-service nodes (sharing that database and Redis, as replicas of one deployment
 * would), each a packaged service in its own process.
 */
public final class Stack {
    private static Stack stack;

    public final String kafka;
    public final ServiceProcess risk;
    public final List<ServiceProcess> auth;
    public final String redisPrefix;

    private Stack(String kafka, ServiceProcess risk, List<ServiceProcess> auth, String redisPrefix) {
        this.kafka = kafka;
        this.risk = risk;
        this.auth = auth;
        this.redisPrefix = redisPrefix;
    }

    /** How many of the account's admitted attempts auth's gate still waits on risk for (its hash in Redis). */
    public long inFlightAtAuth(String accountKey) {
        return gateFields(accountKey).stream().filter(f -> f.startsWith("f:")).count();
    }

    /** Whether auth's gate has heard from risk about the account at all, and has nothing in flight for it. */
    public boolean settledAtAuth(String accountKey) {
        List<String> fields = gateFields(accountKey);
        return fields.contains("v") && fields.stream().noneMatch(f -> f.startsWith("f:"));
    }

    @SuppressWarnings("unchecked")
    private List<String> gateFields(String accountKey) {
        try {
            Object fields = RedisServer.fromEnvironment().command("HKEYS", redisPrefix + "{" + accountKey + "}:gate");
            return fields == null ? List.of() : (List<String>) fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized Stack get() {
        if (stack == null) {
            try {
                stack = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stack;
    }

    private static Stack start() throws IOException {
        String kafka = SharedKafka.bootstrapServers();
        TestDatabase db = PostgresServer.fromEnvironment().createDatabase("e2e_auth");
        TestKeyspace keys = RedisServer.fromEnvironment().newKeyspace("e2e");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            db.close();
            keys.close();
        }));
        // Every client of this suite comes from 127.0.0.1: with IP throttling on, the suite would throttle itself.
        // RiskRulesIT runs its own stack with it on.
        Map<String, String> riskConfig = new java.util.HashMap<>(Map.of(
                "kafka.bootstrap.servers", kafka,
                "loginguard.risk.ip-throttle.enabled", "false",
                "loginguard.risk.state-dir", Files.createTempDirectory("e2e-risk-state").toString()));
        // -Dbench.risk.<key>=<value>: a benchmark's experiment with risk's configuration (e.g. its processing guarantee)
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.risk."))
                .forEach(k -> riskConfig.put(k.substring("bench.risk.".length()), System.getProperty(k)));
        ServiceProcess risk = ServiceProcess.start("risk-service", "risk-service", riskConfig);
        Map<String, String> authConfig = new java.util.HashMap<>(Map.of(
                "kafka.bootstrap.servers", kafka,
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password(),
                "quarkus.redis.hosts", keys.uri(),
                "loginguard.redis.key-prefix", keys.prefix(),
                "loginguard.auth.identifier-hmac-key", "e2e-" + java.util.UUID.randomUUID(),
                "loginguard.auth.sealing.key", Scenario.SEALING_KEY_BASE64,
                "loginguard.auth.secrets.key", Scenario.SECRETS_KEY_BASE64));
        // -Dbench.auth.<key>=<value>: the same for both auth nodes
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.auth."))
                .forEach(k -> authConfig.put(k.substring("bench.auth.".length()), System.getProperty(k)));
        ServiceProcess auth1 = ServiceProcess.start("auth-service", "auth-service-1", authConfig);
        ServiceProcess auth2 = ServiceProcess.start("auth-service", "auth-service-2", authConfig);
        return new Stack(kafka, risk, List.of(auth1, auth2), keys.prefix());
    }
}
