package io.loginguard.auth.password;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.loginguard.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/**
 * Argon2id password hashes (native libargon2 through argon2-jvm), 16-byte salt, 32-byte hash, PHC string
 * format. Also verifies against a dummy hash for unknown accounts, so "no such account" costs the same time
 * as "wrong password".
 */
@ApplicationScoped
public class PasswordHasher {
    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
    private final AuthConfig.Argon2 params;
    private final String dummyHash;
    private final java.util.concurrent.Semaphore permits;

    public PasswordHasher(AuthConfig config) {
        this.params = config.password().argon2();
        int concurrent = params.maxConcurrent() > 0 ? params.maxConcurrent() : Runtime.getRuntime().availableProcessors();
        this.permits = new java.util.concurrent.Semaphore(concurrent, true);
        this.dummyHash = hash("not-a-real-password-" + System.nanoTime());
    }

    public String hash(String password) {
        char[] chars = password.toCharArray();
        permits.acquireUninterruptibly();
        try {
            return argon2.hash(params.iterations(), params.memoryKib(), params.parallelism(), chars);
        } finally {
            permits.release();
            Arrays.fill(chars, '\0');
        }
    }

    public boolean verify(String hash, String password) {
        char[] chars = password.toCharArray();
        permits.acquireUninterruptibly();
        try {
            return argon2.verify(hash, chars);
        } finally {
            permits.release();
            Arrays.fill(chars, '\0');
        }
    }

    /** Spends the time of one verification without any account, and always fails. */
    public void verifyAgainstDummy(String password) {
        verify(dummyHash, password);
    }

    public boolean needsRehash(String hash) {
        return argon2.needsRehash(hash, params.iterations(), params.memoryKib(), params.parallelism());
    }
}
