package io.loginguard.auth.login;

import io.loginguard.auth.admission.LuaScript;
import io.loginguard.auth.config.RedisKeys;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The account's last 100 attempts as auth recorded them, so a person can ask "was this me?". Kept by auth from its
 * own attempts (a capped list under the account's hash tag), never from another service.
 */
@ApplicationScoped
public class LoginHistory {
    static final int KEEP = 100;
    private static final Logger LOG = Logger.getLogger(LoginHistory.class);
    /** One round trip per attempt: push, and keep the newest. */
    private static final LuaScript PUSH = new LuaScript("""
            redis.call('LPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]))
            return 1
            """);

    private final RedisDataSource redis;
    private final RedisKeys keys;

    public LoginHistory(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** One entry of the history. */
    public record Entry(Instant at, LoginAttempted.Stage stage, LoginAttempted.Outcome outcome,
                        LoginAttempted.Method method, String ip, String country, String deviceId, String userAgent) {
    }

    /** Records an attempt of a known account; the history is a convenience, so a failure here fails nothing. */
    void record(LoginAttempted a) {
        if (a.accountKey().startsWith("unknown:")) {
            return;
        }
        try {
            String key = keys.loginHistory(a.accountKey());
            Entry e = new Entry(a.occurredAt(), a.stage(), a.outcome(), a.method(), a.ip(), a.country(), a.deviceId(),
                    a.userAgent());
            PUSH.run(redis, List.of(key), EventJson.toJson(e), Integer.toString(KEEP - 1));
        } catch (Exception e) {
            LOG.debugf("could not add an attempt to the login history of %s: %s", a.accountKey(), e.getMessage());
        }
    }

    /** Newest first. */
    public List<Entry> of(UUID accountId) {
        List<Entry> out = new ArrayList<>();
        for (Response r : redis.execute("LRANGE", keys.loginHistory(accountId.toString()), "0", Integer.toString(KEEP - 1))) {
            try {
                out.add(EventJson.fromJson(r.toString(), Entry.class));
            } catch (Exception e) {
                LOG.debugf("skipping an unreadable login history entry: %s", e.getMessage());
            }
        }
        return out;
    }
}
