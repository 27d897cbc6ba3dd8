package io.loginguard.testinfra.postgres;

/** A database made for one test run; closing it drops it. */
public final class TestDatabase implements AutoCloseable {
    private final PostgresServer server;
    private final String name;

    TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    @Override
    public void close() {
        server.dropDatabase(name);
    }
}
