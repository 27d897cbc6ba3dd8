package io.loginguard.testinfra.postgres;

import io.loginguard.testinfra.ServerUnavailableException;
import io.loginguard.testinfra.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server on this machine (127.0.0.1:5432, trust auth, by default). Every test run gets
 * databases of its own, named {@code lgtest_<purpose>_<random>}, and drops them when done.
 */
public final class PostgresServer {
    private static final String HOW_TO_START =
            "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public PostgresServer(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** From LOGINGUARD_PG_HOST, _PORT, _USER, _PASSWORD (or the matching system properties). */
    public static PostgresServer fromEnvironment() {
        return new PostgresServer(
                Settings.get("LOGINGUARD_PG_HOST", "127.0.0.1"),
                Settings.getInt("LOGINGUARD_PG_PORT", 5432),
                Settings.get("LOGINGUARD_PG_USER", "postgres"),
                Settings.get("LOGINGUARD_PG_PASSWORD", ""));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Fails at once, with how to fix it, when the server does not answer. */
    public void requireReachable() {
        try (Connection c = connect("postgres")) {
            c.isValid(2);
        } catch (SQLException e) {
            throw new ServerUnavailableException("PostgreSQL", host + ":" + port + " (user " + user
                    + "; set LOGINGUARD_PG_HOST/LOGINGUARD_PG_PORT/LOGINGUARD_PG_USER)", HOW_TO_START, e);
        }
    }

    public TestDatabase createDatabase(String purpose) {
        requireReachable();
        String name = ("lgtest_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 12))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        execute("CREATE DATABASE " + name);
        return new TestDatabase(this, name);
    }

    void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + ": " + sql + " failed: " + e.getMessage(), e);
        }
    }

    private Connection connect(String database) throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }
}
