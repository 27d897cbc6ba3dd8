package io.loginguard.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.kit.db.Transactions;
import io.loginguard.testinfra.junit.Infra;
import io.loginguard.testinfra.junit.LoginguardInfra;
import io.loginguard.testinfra.postgres.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

@LoginguardInfra
class DeadLetterLedgerTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private Transactions tx;

    @BeforeEach
    void database(Infra infra) {
        TestDatabase db = infra.newDatabase("kit_dead_letters");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        ds.setUser(db.user());
        ds.setPassword(db.password());
        tx = new Transactions(ds);
        tx.run(c -> c.createStatement().execute("""
                CREATE TABLE dead_letters (source_topic text NOT NULL, source_partition int NOT NULL,
                    source_offset bigint NOT NULL, reason text, created_at timestamptz NOT NULL,
                    PRIMARY KEY (source_topic, source_partition, source_offset))"""));
    }

    @Test
    void aPositionIsNewOnceAndOtherPositionsStayNew() {
        SourceRecord record = new SourceRecord("auth.accounts", 2, 41, "k", new byte[] {1}, List.of());
        RuntimeException why = new IllegalArgumentException("not JSON");

        assertThat(firstTime(record, why)).isTrue();
        assertThat(firstTime(record, why)).isFalse();
        assertThat(firstTime(new SourceRecord("auth.accounts", 2, 42, "k", null, List.of()), why)).isTrue();
    }

    @Test
    void aRolledBackDeadLetterLeavesThePositionNew() {
        SourceRecord record = new SourceRecord("risk.decisions", 0, 7, null, null, List.of());
        try {
            tx.run(c -> {
                DeadLetterLedger.firstTime(c, record, new IllegalStateException("x"), AT);
                throw new IllegalStateException("the outbox insert failed");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }

        assertThat(firstTime(record, new IllegalStateException("x"))).isTrue();
    }

    private boolean firstTime(SourceRecord record, Throwable why) {
        Boolean first = tx.call(c -> DeadLetterLedger.firstTime(c, record, why, AT));
        return first;
    }
}
