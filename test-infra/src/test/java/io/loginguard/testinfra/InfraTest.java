package io.loginguard.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.testinfra.junit.Infra;
import io.loginguard.testinfra.junit.LoginguardInfra;
import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.redis.RedisServer;
import io.loginguard.testinfra.redis.TestKeyspace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The JUnit extension's servers: injected into a test, and everything it made removed when it closes. */
@LoginguardInfra
class InfraTest {

    @Test
    void theInjectedInfraHandsOutUsableServers(Infra infra) throws Exception {
        TestDatabase db = infra.newDatabase("infra");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            assertThat(c.isValid(2)).isTrue();
        }
        TestKeyspace ks = infra.newRedisKeyspace("infra");
        RedisServer.fromEnvironment().command("SET", ks.prefix() + "k", "v");
        assertThat(ks.countKeys()).isEqualTo(1);
        assertThat(infra.kafkaBootstrap()).startsWith("localhost:");
    }

    @Test
    void closingRemovesTheDatabasesAndKeysItMade() throws Exception {
        Infra infra = new Infra();
        TestDatabase db = infra.newDatabase("infra_close");
        TestKeyspace ks = infra.newRedisKeyspace("infra-close");
        RedisServer.fromEnvironment().command("SET", ks.prefix() + "k", "v");

        infra.close();

        assertThat(ks.countKeys()).isZero();
        PostgresServer pg = PostgresServer.fromEnvironment();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + db.name() + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
