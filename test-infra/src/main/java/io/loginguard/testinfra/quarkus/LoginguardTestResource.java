package io.loginguard.testinfra.quarkus;

import io.loginguard.testinfra.kafka.SharedKafka;
import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.redis.RedisServer;
import io.loginguard.testinfra.redis.TestKeyspace;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands the real servers to a {@code @QuarkusTest}: the JVM's shared Kafka broker (every catalogue topic
 * created), and on request a database of the test run's own and a Redis key prefix of its own. Arguments:
 * {@code postgres=<purpose>} to make a database, {@code redis=<purpose>} for a key prefix,
 * {@code kafka-streams=true} for a fresh Kafka Streams state directory.
 */
public class LoginguardTestResource implements QuarkusTestResourceLifecycleManager {
    private Map<String, String> args = Map.of();
    private TestDatabase database;
    private TestKeyspace keyspace;

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        String bootstrap = SharedKafka.bootstrapServers();
        config.put("kafka.bootstrap.servers", bootstrap);
        config.put("quarkus.kafka-streams.bootstrap-servers", bootstrap);
        if (args.containsKey("postgres")) {
            database = PostgresServer.fromEnvironment().createDatabase(args.get("postgres"));
            config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
            config.put("quarkus.datasource.username", database.user());
            config.put("quarkus.datasource.password", database.password());
        }
        if (args.containsKey("redis")) {
            keyspace = RedisServer.fromEnvironment().newKeyspace(args.get("redis"));
            config.put("quarkus.redis.hosts", keyspace.uri());
            config.put("loginguard.redis.key-prefix", keyspace.prefix());
        }
        if (Boolean.parseBoolean(args.getOrDefault("kafka-streams", "false"))) {
            try {
                config.put("loginguard.risk.state-dir", Files.createTempDirectory("lgtest-streams").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
        if (keyspace != null) {
            keyspace.close();
        }
    }
}
