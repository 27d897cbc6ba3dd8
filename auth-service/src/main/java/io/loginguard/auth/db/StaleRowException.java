package io.loginguard.auth.db;

/** An update or delete of one row found none: another transaction changed the row's version or removed it. */
public class StaleRowException extends RuntimeException {
    public StaleRowException(String sql) {
        super("the row changed or went away under this statement [" + sql + "]");
    }
}
