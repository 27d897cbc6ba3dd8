package io.loginguard.auth.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a dependency being down or too slow (PostgreSQL, Redis, Kafka, an open circuit) from a bug: the first is
 * a 503 with Retry-After that the client may retry, the second a 500. Judged by the cause chain, since each
 * client library wraps its failures in its own way.
 */
public final class Outages {
    private Outages() {
    }

    public static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof SQLTransientConnectionException
                    || t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            if (t instanceof SQLException sql && (isConnectionState(sql.getSQLState()) || isAcquisitionTimeout(sql))) {
                return true;
            }
            String type = t.getClass().getName();
            if (type.startsWith("io.smallrye.faulttolerance.api.")
                    || type.equals("org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException")
                    || type.equals("org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException")
                    || type.equals("io.smallrye.mutiny.TimeoutException")
                    || type.startsWith("org.apache.kafka.common.errors.")
                    || type.equals("io.vertx.core.impl.NoStackTraceThrowable") && String.valueOf(t.getMessage()).contains("Connection")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a fault-tolerance circuit refused the call before it was made. */
    public static boolean circuitOpen(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals("org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException")) {
                return true;
            }
        }
        return false;
    }

    /** SQLState class 08: connection exception (PostgreSQL and the SQL standard). */
    private static boolean isConnectionState(String state) {
        return state != null && state.startsWith("08");
    }

    private static boolean isAcquisitionTimeout(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("acquisition timeout");
    }
}
