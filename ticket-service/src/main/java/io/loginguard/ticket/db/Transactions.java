package io.loginguard.ticket.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain JDBC transactions (conditional updates, {@code ON CONFLICT}, {@code FOR UPDATE} read more plainly as SQL).
 * A database failure rolls back and surfaces as {@link DatabaseUnavailableException}: "try again later", a 503.
 */
@ApplicationScoped
public class Transactions {
    private final AgroalDataSource dataSource;

    public Transactions(AgroalDataSource dataSource) {
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
