package io.loginguard.auth.session;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.config.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Session tokens: 256 random bits handed to the client once; Redis keeps only the token's SHA-256, so a
 * dump of Redis signs nobody in.
 */
@ApplicationScoped
public class SessionStore {
    private final SecureRandom random = new SecureRandom();
    private final ValueCommands<String, String> values;
    private final RedisKeys keys;
    private final Duration ttl;
    private final Clock clock;

    public SessionStore(RedisDataSource redis, RedisKeys keys, AuthConfig config, Clock clock) {
        this.values = redis.value(String.class);
        this.keys = keys;
        this.ttl = config.session().ttl();
        this.clock = clock;
    }

    public IssuedSession create(UUID accountId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        values.set(keys.session(hash(token)), accountId.toString(), new SetArgs().px(ttl));
        return new IssuedSession(token, accountId, clock.instant().plus(ttl));
    }

    /** The account a bearer token belongs to, while its session lives. */
    public java.util.Optional<UUID> accountOf(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return java.util.Optional.empty();
        }
        String id = values.get(keys.session(hash(token)));
        return id == null ? java.util.Optional.empty() : java.util.Optional.of(UUID.fromString(id));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record IssuedSession(String token, UUID accountId, Instant expiresAt) {
    }
}
