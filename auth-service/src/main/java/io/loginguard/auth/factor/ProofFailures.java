package io.loginguard.auth.factor;

import io.loginguard.auth.admission.LuaScript;
import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.config.RedisKeys;
import io.loginguard.auth.web.ApiException;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * How many wrong second-factor codes a signed-in person may give as proof (turning a factor off, new backup codes,
 * removing a passkey) before being told to wait: without it, a stolen session could try TOTP codes until one fits
 * and then turn the second factor off. Each proof takes a place in the account's window before its code is checked
 * (one script: parallel guesses cannot all pass a count read before any was recorded); a right code gives its place
 * back, a wrong one keeps it. One sorted set per account, under the account's hash tag.
 */
@ApplicationScoped
public class ProofFailures {
    /** KEYS[1] the account's places; ARGV now ms, window ms, max, member. Returns 0 (taken) or ms to wait. */
    private static final LuaScript TAKE = new LuaScript("""
            local k, now, window, max = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', k, '-inf', now - window)
            if redis.call('ZCARD', k) >= max then
              local oldest = redis.call('ZRANGE', k, 0, 0, 'WITHSCORES')
              return math.max(1, tonumber(oldest[2]) + window - now)
            end
            redis.call('ZADD', k, now, ARGV[4])
            redis.call('PEXPIRE', k, window)
            return 0
            """);

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final int max;
    private final Duration window;

    public ProofFailures(RedisDataSource redis, RedisKeys keys, AuthConfig config, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.max = config.factors().proofFailures();
        this.window = config.factors().proofFailureWindow();
    }

    /** A place taken for one proof: {@link #succeeded()} gives it back. */
    public final class Place {
        private final String key;
        private final String member;

        private Place(String key, String member) {
            this.key = key;
            this.member = member;
        }

        /** The code was right: this proof does not count. */
        public void succeeded() {
            redis.sortedSet(String.class).zrem(key, member);
        }
    }

    /** Takes a place for a proof of the account, or says how long to wait (as many wrong codes as allowed). */
    public Place take(UUID accountId) {
        String key = keys.prefix() + "{" + accountId + "}:proof-failures";
        long now = clock.millis();
        String member = now + ":" + UUID.randomUUID();
        long waitMs = TAKE.run(redis, List.of(key), Long.toString(now), Long.toString(window.toMillis()),
                Integer.toString(max), member).toLong();
        if (waitMs > 0) {
            throw ApiException.tooFrequent(
                    "too many wrong codes: please wait before trying again", Duration.ofMillis(waitMs));
        }
        return new Place(key, member);
    }
}
