package io.loginguard.kit.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC transactions: conditional updates, {@code FOR UPDATE SKIP LOCKED}, {@code ON CONFLICT} and
 * {@code RETURNING} read more plainly as SQL than through an ORM. A database failure rolls back and surfaces as
 * {@link DatabaseUnavailableException}, which callers treat as "try again later" (a 503, or a record retried),
 * never as a bad record. A service makes one bean of it over its own data source.
 */
public class Transactions {
    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T call(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    public void run(VoidWork work) {
        call(c -> {
            work.run(c);
            return null;
        });
    }

    /**
     * One SQL statement in its own implicit transaction (autocommit): one round trip to PostgreSQL instead of the
     * statement's and the COMMIT's. Only for work that is a single statement; several writes that must commit
     * together go in one statement (data-modifying CTEs) or through {@link #call(Work)}.
     */
    public <T> T single(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: nothing was committed
        }
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    public interface VoidWork {
        void run(Connection c) throws SQLException;
    }

    /** PostgreSQL could not be reached or refused the transaction: retry later. */
    public static final class DatabaseUnavailableException extends RuntimeException {
        public DatabaseUnavailableException(SQLException cause) {
            super("PostgreSQL: " + cause.getMessage(), cause);
        }
    }
}
