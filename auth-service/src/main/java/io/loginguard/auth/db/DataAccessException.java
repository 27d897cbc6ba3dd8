package io.loginguard.auth.db;

import java.sql.SQLException;

/**
 * A statement that failed; the driver's {@link SQLException} (its SQLState) is the cause. The message keeps the
 * driver's first line and the statement, not PostgreSQL's detail line, which quotes the values (an email, say).
 */
public class DataAccessException extends RuntimeException {
    public DataAccessException(String sql, SQLException cause) {
        super(firstLine(cause.getMessage()) + " (SQLState " + cause.getSQLState() + ") [" + sql + "]", cause);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "statement failed";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** The statement's SQLState, e.g. 23505 for a unique violation. */
    public String sqlState() {
        return getCause() instanceof SQLException e ? e.getSQLState() : null;
    }
}
