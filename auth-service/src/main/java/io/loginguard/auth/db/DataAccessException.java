package io.loginguard.auth.db;

import java.sql.SQLException;

/** A statement that failed; the driver's {@link SQLException} (its SQLState) is the cause. */
public class DataAccessException extends RuntimeException {
    public DataAccessException(String sql, SQLException cause) {
        super(cause.getMessage() + " [" + sql + "]", cause);
    }

    /** The statement's SQLState, e.g. 23505 for a unique violation. */
    public String sqlState() {
        return getCause() instanceof SQLException e ? e.getSQLState() : null;
    }
}
