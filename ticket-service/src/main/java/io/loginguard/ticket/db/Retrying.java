package io.loginguard.ticket.db;

import io.loginguard.ticket.db.Transactions.DatabaseUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Runs a step of consuming a valid record until PostgreSQL takes it. The record is never dead-lettered for an
 * outage, and the partition waits (its later records need the same database anyway); the consumer goes on by itself
 * once the database is back. Any other exception is a bug or a bad record, and is thrown.
 */
@ApplicationScoped
public class Retrying {
    private static final Logger LOG = Logger.getLogger(Retrying.class);
    private static final Duration FIRST = Duration.ofMillis(50);
    private static final Duration MAX = Duration.ofSeconds(5);

    public void untilDone(String what, Runnable step) {
        call(what, () -> {
            step.run();
            return null;
        });
    }

    public <T> T call(String what, java.util.function.Supplier<T> step) {
        Duration backoff = FIRST;
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
            backoff = backoff.multipliedBy(2).compareTo(MAX) > 0 ? MAX : backoff.multipliedBy(2);
        }
    }
}
