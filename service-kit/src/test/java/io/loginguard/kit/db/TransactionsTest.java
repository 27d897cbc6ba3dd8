package io.loginguard.kit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loginguard.kit.db.Transactions.DatabaseUnavailableException;
import io.loginguard.testinfra.junit.Infra;
import io.loginguard.testinfra.junit.LoginguardInfra;
import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.postgres.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Against a real PostgreSQL database of its own. */
@LoginguardInfra
class TransactionsTest {
    private Transactions tx;

    @BeforeEach
    void database(Infra infra) {
        tx = new Transactions(dataSource(infra.newDatabase("kit_tx")));
        tx.run(c -> c.createStatement().execute("CREATE TABLE t (id int PRIMARY KEY)"));
    }

    static PGSimpleDataSource dataSource(TestDatabase db) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        ds.setUser(db.user());
        ds.setPassword(db.password());
        return ds;
    }

    @Test
    void commitsWhatTheWorkWrote() {
        int inserted = tx.call(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (1), (2)"));

        assertThat(inserted).isEqualTo(2);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aFailingStatementRollsBackTheWholeWorkAndSaysTryLater() {
        assertThatThrownBy(() -> tx.run(c -> {
            c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
            c.createStatement().executeUpdate("INSERT INTO t VALUES (1)"); // duplicate key
        })).isInstanceOf(DatabaseUnavailableException.class).hasMessageStartingWith("PostgreSQL: ");
        assertThat(count()).isZero();
    }

    @Test
    void aRuntimeFailureRollsBackAndIsThrownAsItIs() {
        assertThatThrownBy(() -> tx.run(c -> {
            c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
            throw new IllegalArgumentException("a bad record");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("a bad record");
        assertThat(count()).isZero();
    }

    @Test
    void aSingleStatementCommitsByItself() {
        tx.single(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (7)"));

        assertThat(count()).isEqualTo(1);
    }

    @Test
    void anUnreachableServerIsAnOutage() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:" + KafkaBroker.freePort() + "/test?connectTimeout=2");

        assertThatThrownBy(() -> new Transactions(nowhere).run(c -> c.createStatement().execute("SELECT 1")))
                .isInstanceOf(DatabaseUnavailableException.class);
    }

    private int count() {
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM t"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
