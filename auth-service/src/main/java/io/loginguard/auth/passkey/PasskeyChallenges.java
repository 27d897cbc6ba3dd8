package io.loginguard.auth.passkey;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.config.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * WebAuthn ceremony challenges: 32 random bytes, kept in Redis under the auth key prefix for a short time with what
 * they were issued for ({@code reg:<account>}, {@code 2fa:<login challenge>}, {@code login}); taken once (GETDEL),
 * so a challenge verifies at most one ceremony, whatever it carried.
 */
@ApplicationScoped
public class PasskeyChallenges {
    private final SecureRandom random = new SecureRandom();
    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final Duration ttl;

    public PasskeyChallenges(RedisDataSource redis, RedisKeys keys, AuthConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.ttl = config.passkeys().challengeTtl();
    }

    public Duration ttl() {
        return ttl;
    }

    /** A new challenge (base64url) bound to a purpose. */
    public String issue(String purpose) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        redis.execute("SET", key(challenge), purpose, "PX", Long.toString(ttl.toMillis()));
        return challenge;
    }

    /** Takes the challenge: its purpose, for exactly one caller; empty when unknown, expired or already taken. */
    public Optional<String> take(String challenge) {
        if (challenge == null || !challenge.matches("[A-Za-z0-9_-]{16,128}")) {
            return Optional.empty();
        }
        Response r = redis.execute("GETDEL", key(challenge));
        return r == null ? Optional.empty() : Optional.of(r.toString());
    }

    private String key(String challenge) {
        return keys.prefix() + "{webauthn:" + challenge + "}";
    }
}
