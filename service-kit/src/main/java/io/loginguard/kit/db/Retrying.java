package io.loginguard.kit.db;

import io.loginguard.kit.db.Transactions.DatabaseUnavailableException;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a step of consuming a valid record until PostgreSQL takes it. The record is never dead-lettered for an
 * outage, and the partition waits (its later records need the same database anyway); the consumer goes on by itself
 * once the database is back. Any other exception is a bug or a bad record, and is thrown. The wait doubles from
 * {@code first} up to {@code max}.
 */
public class Retrying {
    private static final Logger LOG = Logger.getLogger(Retrying.class);

    private final Duration first;
    private final Duration max;

    public Retrying() {
        this(Duration.ofMillis(50), Duration.ofSeconds(5));
    }

    public Retrying(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
        }
        this.first = first;
        this.max = max;
    }

    public void untilDone(String what, Runnable step) {
        call(what, () -> {
            step.run();
            return null;
        });
    }

    public <T> T call(String what, Supplier<T> step) {
        Duration backoff = first;
        while (true) {
            try {
                return step.get();
            } catch (DatabaseUnavailableException e) {
                LOG.warnf("%s failed, retrying in %d ms: %s", what, backoff.toMillis(), e.getMessage());
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopping while waiting for PostgreSQL to " + what, e);
            }
            backoff = backoff.multipliedBy(2).compareTo(max) > 0 ? max : backoff.multipliedBy(2);
        }
    }
}
