package io.loginguard.auth.password;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.loginguard.auth.config.AuthConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Argon2id password hashes (native libargon2 through argon2-jvm's binding), 16-byte salt, 32-byte hash, PHC string
 * format. Also verifies against a dummy hash for unknown accounts, so "no such account" costs the same time
 * as "wrong password". At most {@code max-concurrent} hashes run at once, each in a block of working memory that is
 * reused ({@link Argon2Memory}), so a burst queues instead of multiplying native memory or page faults; they run on
 * threads of their own at a lower priority ({@code thread-nice}, {@link HashingThreads}).
 */
@ApplicationScoped
public class PasswordHasher {
    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
    private final AuthConfig.Argon2 params;
    private final Argon2id pooled;
    private final String dummyHash;
    private final HashingThreads threads;

    public PasswordHasher(AuthConfig config) {
        this.params = config.password().argon2();
        int concurrent = params.maxConcurrent() > 0 ? params.maxConcurrent() : Runtime.getRuntime().availableProcessors();
        this.threads = new HashingThreads(concurrent, params.threadNice());
        this.pooled = new Argon2id(new Argon2Memory(params.memoryKib() * 1024L), 16, 32);
        this.dummyHash = hash("not-a-real-password-" + System.nanoTime());
    }

    public String hash(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8); // argon2-jvm's encoding, so old hashes verify
        try {
            return threads.run(() -> pooled.hash(bytes, params.iterations(), params.memoryKib(), params.parallelism()));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    public boolean verify(String hash, String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            return threads.run(() -> pooled.verify(hash, bytes));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Spends the time of one verification without any account, and always fails. */
    public void verifyAgainstDummy(String password) {
        verify(dummyHash, password);
    }

    @PreDestroy
    void stop() {
        threads.close();
    }

    public boolean needsRehash(String hash) {
        return argon2.needsRehash(hash, params.iterations(), params.memoryKib(), params.parallelism());
    }
}
