package io.loginguard.auth.session;

import io.loginguard.auth.admission.LuaScript;
import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.config.RedisKeys;
import io.loginguard.auth.login.ClientInfo;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Device sessions. A token is the account id and 256 random bits, handed to the client once; Redis keeps only the
 * token's SHA-256 (a dump of Redis signs nobody in), in a hash under the account's hash tag, with the account's
 * index of sessions beside it. Creating a session is one script: a device logging in again replaces its own
 * session, and past the device limit the earliest sessions are signed out, so parallel logins on five devices
 * leave exactly three. A session ends after its idle timeout or its absolute lifetime, whichever comes first.
 */
@ApplicationScoped
public class SessionStore {
    /**
     * KEYS[1] the account's index (zset: session hash key by start), KEYS[2] the new session's hash. ARGV: now,
     * limit, idle ms, absolute ms, then field/value pairs. Returns the ids of the sessions it ended, each
     * prefixed with its reason ("DEVICE:" the same device, "LIMIT:" the device limit).
     */
    private static final LuaScript CREATE = new LuaScript("""
            local index, key = KEYS[1], KEYS[2]
            local now, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
            local device
            for i = 5, #ARGV, 2 do if ARGV[i] == 'device' then device = ARGV[i + 1] end end
            local ended = {}
            for _, k in ipairs(redis.call('ZRANGE', index, 0, -1)) do
              local f = redis.call('HMGET', k, 'id', 'device')
              if not f[1] then
                redis.call('ZREM', index, k)
              elseif device and f[2] == device then
                redis.call('DEL', k); redis.call('ZREM', index, k); table.insert(ended, 'DEVICE:' .. f[1])
              end
            end
            while redis.call('ZCARD', index) >= limit do
              local k = redis.call('ZRANGE', index, 0, 0)[1]
              local id = redis.call('HGET', k, 'id')
              redis.call('DEL', k); redis.call('ZREM', index, k)
              if id then table.insert(ended, 'LIMIT:' .. id) end
            end
            local fields = {}
            for i = 5, #ARGV do table.insert(fields, ARGV[i]) end
            redis.call('HSET', key, unpack(fields))
            redis.call('PEXPIRE', key, math.min(tonumber(ARGV[3]), tonumber(ARGV[4])))
            redis.call('ZADD', index, now, key)
            redis.call('PEXPIRE', index, tonumber(ARGV[4]))
            return ended
            """);

    /**
     * KEYS[1] the session's hash. ARGV now, idle ms. Returns the session id if the session lives (before its absolute
     * end, and used within the idle time, both by auth's clock; the key's TTL also frees it) and touches it.
     */
    private static final LuaScript TOUCH = new LuaScript("""
            local f = redis.call('HMGET', KEYS[1], 'id', 'expiresAt', 'lastSeen')
            if not f[1] then return false end
            local now = tonumber(ARGV[1])
            local left = tonumber(f[2]) - now
            if left <= 0 or now - tonumber(f[3]) >= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]); return false end
            redis.call('HSET', KEYS[1], 'lastSeen', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], math.min(tonumber(ARGV[2]), left))
            return f[1]
            """);

    /**
     * KEYS[1] the account's index. ARGV[1] 'one' (end the session whose id is ARGV[2]) or 'allBut' (end every
     * session but ARGV[2], which may be empty). Returns the ids it ended. The session hashes share the index's hash
     * tag, so the script stays on one Redis Cluster slot.
     */
    private static final LuaScript END = new LuaScript("""
            local index, mode, id = KEYS[1], ARGV[1], ARGV[2]
            local ended = {}
            for _, k in ipairs(redis.call('ZRANGE', index, 0, -1)) do
              local sid = redis.call('HGET', k, 'id')
              if not sid then
                redis.call('ZREM', index, k)
              elseif (mode == 'one') == (sid == id) then
                redis.call('DEL', k); redis.call('ZREM', index, k); table.insert(ended, sid)
              end
            end
            return ended
            """);

    private final SecureRandom random = new SecureRandom();
    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final AuthConfig.Session config;
    private final Clock clock;

    public SessionStore(RedisDataSource redis, RedisKeys keys, AuthConfig config, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.config = config.session();
        this.clock = clock;
    }

    /** A new session, and the sessions it ended (another of the same device, or the earliest past the limit). */
    public IssuedSession create(UUID accountId, ClientInfo client) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = accountId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.ttl());
        List<String> args = new ArrayList<>(List.of(Long.toString(now.toEpochMilli()),
                Integer.toString(config.maxDevices()), Long.toString(config.idleTimeout().toMillis()),
                Long.toString(config.ttl().toMillis()),
                "id", id, "account", accountId.toString(), "startedAt", Long.toString(now.toEpochMilli()),
                "lastSeen", Long.toString(now.toEpochMilli()), "expiresAt", Long.toString(expiresAt.toEpochMilli())));
        put(args, "device", client.deviceId());
        put(args, "agent", client.userAgent());
        put(args, "ip", client.ip());
        put(args, "country", client.country());
        Response r = CREATE.run(redis, List.of(keys.sessions(accountId.toString()), sessionKey(accountId, token)),
                args.toArray(String[]::new));
        List<EndedSession> ended = new ArrayList<>();
        for (Response e : r) {
            String[] parts = e.toString().split(":", 2);
            ended.add(new EndedSession(parts[1], parts[0].equals("LIMIT")));
        }
        return new IssuedSession(token, id, accountId, expiresAt, ended);
    }

    /** The session a bearer token opens while it lives, in one round trip; each use counts as activity. */
    public Optional<LiveSession> touch(String token) {
        return parse(token).flatMap(accountId -> {
            Response r = TOUCH.run(redis, List.of(sessionKey(accountId, token)), Long.toString(clock.millis()),
                    Long.toString(config.idleTimeout().toMillis()));
            return r == null ? Optional.empty() : Optional.of(new LiveSession(accountId, r.toString()));
        });
    }

    /** The account's live sessions, earliest first. */
    public List<DeviceSession> list(UUID accountId) {
        List<DeviceSession> out = new ArrayList<>();
        for (Response k : redis.execute("ZRANGE", keys.sessions(accountId.toString()), "0", "-1")) {
            Response f = redis.execute("HGETALL", k.toString());
            if (f == null || f.size() == 0 || f.get("id") == null) {
                continue;
            }
            out.add(new DeviceSession(f.get("id").toString(), text(f, "device"), text(f, "agent"), text(f, "ip"),
                    text(f, "country"), instant(f, "startedAt"), instant(f, "lastSeen"), instant(f, "expiresAt")));
        }
        return out;
    }

    /** Ends one session by id; true if it was live. */
    public boolean end(UUID accountId, String sessionId) {
        return sessionId != null && !end(accountId, "one", sessionId).isEmpty();
    }

    /** Ends every session of the account but the one given (null: all); returns the ids ended. */
    public List<String> endAllBut(UUID accountId, String keepSessionId) {
        return end(accountId, "allBut", keepSessionId == null ? "" : keepSessionId);
    }

    private List<String> end(UUID accountId, String mode, String sessionId) {
        List<String> ended = new ArrayList<>();
        for (Response id : END.run(redis, List.of(keys.sessions(accountId.toString())), mode, sessionId)) {
            ended.add(id.toString());
        }
        return ended;
    }

    private Optional<UUID> parse(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(token.substring(0, dot)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sessionKey(UUID accountId, String token) {
        return keys.session(accountId.toString(), hash(token));
    }

    private static void put(List<String> args, String field, String value) {
        if (value != null) {
            args.add(field);
            args.add(value);
        }
    }

    private static String text(Response f, String field) {
        return f.get(field) == null ? null : f.get(field).toString();
    }

    private static Instant instant(Response f, String field) {
        return f.get(field) == null ? null : Instant.ofEpochMilli(f.get(field).toLong());
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A session ended by a new one: by the device limit, or because the same device logged in again. */
    public record EndedSession(String id, boolean byDeviceLimit) {
    }

    /** A live session: whose, and which. */
    public record LiveSession(UUID accountId, String id) {
    }

    public record IssuedSession(String token, String id, UUID accountId, Instant expiresAt, List<EndedSession> ended) {
    }

    /** What a person sees of a session. */
    public record DeviceSession(String id, String deviceId, String userAgent, String ip, String country,
                                Instant startedAt, Instant lastSeen, Instant expiresAt) {
    }
}
