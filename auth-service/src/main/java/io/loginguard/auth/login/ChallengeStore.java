package io.loginguard.auth.login;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.config.RedisKeys;
import io.loginguard.events.LoginAttempted;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Open second-factor challenges: a login whose password risk allowed, waiting for its second factor. Kept in Redis
 * for 5 minutes under the challenge's own hash tag; consumed exactly once (DEL decides), so a challenge opens at
 * most one session.
 */
@ApplicationScoped
public class ChallengeStore {
    private final SecureRandom random = new SecureRandom();
    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final RedisKeys keys;
    private final Duration ttl;
    private final Clock clock;

    public ChallengeStore(RedisDataSource redis, RedisKeys keys, AuthConfig config, Clock clock) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.keys = keys;
        this.ttl = config.totp().challengeTtl();
        this.clock = clock;
    }

    /** An open challenge. */
    public record Challenge(String id, UUID accountId, UUID masterAccountId, List<LoginAttempted.Method> methods,
                            ClientInfo client, Instant expiresAt) {
    }

    public Challenge open(UUID accountId, UUID masterAccountId, List<LoginAttempted.Method> methods,
                          ClientInfo client) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = clock.instant().plus(ttl);
        Map<String, String> fields = new java.util.HashMap<>();
        fields.put("account", accountId.toString());
        if (masterAccountId != null) {
            fields.put("master", masterAccountId.toString());
        }
        fields.put("methods", String.join(",", methods.stream().map(Enum::name).toList()));
        fields.put("expiresAt", Long.toString(expiresAt.toEpochMilli()));
        if (client.ip() != null) {
            fields.put("ip", client.ip());
        }
        if (client.deviceId() != null) {
            fields.put("device", client.deviceId());
        }
        if (client.userAgent() != null) {
            fields.put("agent", client.userAgent());
        }
        if (client.country() != null) {
            fields.put("country", client.country());
        }
        if (client.latitude() != null) {
            fields.put("lat", Double.toString(client.latitude()));
            fields.put("lon", Double.toString(client.longitude()));
        }
        String key = key(id);
        hashes.hset(key, fields);
        redis.execute("PEXPIRE", key, Long.toString(ttl.toMillis()));
        return new Challenge(id, accountId, masterAccountId, methods, client, expiresAt);
    }

    public Optional<Challenge> find(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{16,64}")) {
            return Optional.empty();
        }
        Map<String, String> f = hashes.hgetall(key(id));
        if (f == null || f.isEmpty() || !f.containsKey("account")) {
            return Optional.empty();
        }
        List<LoginAttempted.Method> methods = Arrays.stream(f.get("methods").split(","))
                .filter(m -> !m.isBlank()).map(LoginAttempted.Method::valueOf).toList();
        return Optional.of(new Challenge(id, UUID.fromString(f.get("account")),
                f.get("master") == null ? null : UUID.fromString(f.get("master")), methods,
                new ClientInfo(f.get("ip"), f.get("device"), f.get("agent"), f.get("country"),
                        ClientInfo.degrees(f.get("lat")), ClientInfo.degrees(f.get("lon"))),
                Instant.ofEpochMilli(Long.parseLong(f.get("expiresAt")))));
    }

    /** Consumes the challenge: true for exactly one caller. */
    public boolean consume(String id) {
        return redis.execute("DEL", key(id)).toInteger() == 1;
    }

    private String key(String id) {
        return keys.prefix() + "{challenge:" + id + "}";
    }
}
