package io.loginguard.kit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loginguard.kit.db.Transactions.DatabaseUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryingTest {
    private final Retrying retrying = new Retrying(Duration.ofMillis(1), Duration.ofMillis(4));

    @Test
    void retriesAnOutageUntilTheStepTakes() {
        AtomicInteger tries = new AtomicInteger();

        String result = retrying.call("store a record", () -> {
            if (tries.incrementAndGet() < 4) {
                throw new DatabaseUnavailableException(new SQLException("connection refused"));
            }
            return "stored";
        });

        assertThat(result).isEqualTo("stored");
        assertThat(tries).hasValue(4);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> retrying.untilDone("store a record", () -> {
            tries.incrementAndGet();
            throw new IllegalArgumentException("a bad record");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    void anInterruptedWaitStopsAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> retrying.untilDone("store a record", () -> {
                throw new DatabaseUnavailableException(new SQLException("connection refused"));
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("store a record");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refusesAWaitThatCannotGrow() {
        assertThatThrownBy(() -> new Retrying(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Retrying(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
