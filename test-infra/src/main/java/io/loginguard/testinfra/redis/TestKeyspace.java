package io.loginguard.testinfra.redis;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The Redis keys of one test run, all under {@link #prefix()}; closing deletes them. */
public final class TestKeyspace implements AutoCloseable {
    private final RedisServer server;
    private final String prefix;

    TestKeyspace(RedisServer server, String prefix) {
        this.server = server;
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String uri() {
        return server.uri();
    }

    public long countKeys() {
        try {
            return server.countKeys(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.deleteKeys(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
