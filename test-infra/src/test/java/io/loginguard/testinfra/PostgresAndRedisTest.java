package io.loginguard.testinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.redis.RedisServer;
import io.loginguard.testinfra.redis.TestKeyspace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresAndRedisTest {

    @Test
    void aTestDatabaseIsUsableAndDroppedOnClose() throws Exception {
        PostgresServer pg = PostgresServer.fromEnvironment();
        String name;
        try (TestDatabase db = pg.createDatabase("selftest")) {
            name = db.name();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id int)");
                s.execute("INSERT INTO t VALUES (42)");
                ResultSet rs = s.executeQuery("SELECT id FROM t");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void aKeyspaceIsDeletedOnCloseAndLeavesOtherKeysAlone() throws Exception {
        RedisServer redis = RedisServer.fromEnvironment();
        TestKeyspace other = redis.newKeyspace("other");
        try (TestKeyspace ks = redis.newKeyspace("selftest")) {
            redis.command("SET", ks.prefix() + "a", "1");
            redis.command("SET", ks.prefix() + "b", "2");
            redis.command("SET", other.prefix() + "c", "3");
            assertThat(ks.countKeys()).isEqualTo(2);
        }
        assertThat(redis.countKeys(other.prefix())).isEqualTo(1);
        other.close();
        assertThat(redis.countKeys(other.prefix())).isZero();
    }

    @Test
    void anUnreachableServerFailsAtOnceSayingWhereAndHowToStartIt() {
        assertThatThrownBy(() -> new PostgresServer("127.0.0.1", 1, "postgres", "").requireReachable())
                .isInstanceOf(ServerUnavailableException.class)
                .hasMessageContaining("PostgreSQL is not reachable at 127.0.0.1:1")
                .hasMessageContaining("pg_ctlcluster");
        assertThatThrownBy(() -> new RedisServer("127.0.0.1", 1).requireReachable())
                .isInstanceOf(ServerUnavailableException.class)
                .hasMessageContaining("Redis is not reachable at 127.0.0.1:1")
                .hasMessageContaining("redis-server");
    }
}
