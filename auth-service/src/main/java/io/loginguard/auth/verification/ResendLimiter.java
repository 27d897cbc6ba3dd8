package io.loginguard.auth.verification;

import io.loginguard.auth.admission.LuaScript;
import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.config.RedisKeys;
import io.loginguard.auth.login.AccountKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How often codes and messages may go to one identifier: at most one per interval and a number per hour (the
 * seed: once a minute, 5 an hour), whoever asks, and whether or not the identifier has an account, so the limit
 * itself tells nothing. One sorted set of send times per identifier, under its own hash tag (keyed by an HMAC of
 * the identifier, never the identifier itself).
 */
@ApplicationScoped
public class ResendLimiter {
    /** KEYS[1] the identifier's sends; ARGV now, interval ms, per hour, member. Returns 0 (taken) or ms to wait. */
    private static final LuaScript TAKE = new LuaScript("""
            local k, now, interval, per_hour = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', k, '-inf', now - 3600000)
            local newest = redis.call('ZRANGE', k, -1, -1, 'WITHSCORES')
            if #newest > 0 and now - tonumber(newest[2]) < interval then
              return tonumber(newest[2]) + interval - now
            end
            if redis.call('ZCARD', k) >= per_hour then
              local oldest = redis.call('ZRANGE', k, 0, 0, 'WITHSCORES')
              return tonumber(oldest[2]) + 3600000 - now
            end
            redis.call('ZADD', k, now, ARGV[4])
            redis.call('PEXPIRE', k, 3600000)
            return 0
            """);

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final AccountKeys accountKeys;
    private final Clock clock;
    private final Duration interval;
    private final int perHour;

    public ResendLimiter(RedisDataSource redis, RedisKeys keys, AccountKeys accountKeys, AuthConfig config, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.accountKeys = accountKeys;
        this.clock = clock;
        this.interval = config.codes().resendInterval();
        this.perHour = config.codes().maxPerHour();
    }

    /** Takes one send for the identifier: empty if allowed, else how long to wait. */
    public Optional<Duration> take(String purpose, String normalizedIdentifier) {
        return take(key(purpose, normalizedIdentifier), clock.millis());
    }

    /** The Redis key of an identifier's sends for a purpose (its own hash tag). */
    public String key(String purpose, String normalizedIdentifier) {
        return keys.prefix() + "{" + accountKeys.unknown(normalizedIdentifier) + "}:sends:" + purpose;
    }

    Optional<Duration> take(String key, long nowMs) {
        Response r = TAKE.run(redis, List.of(key), Long.toString(nowMs), Long.toString(interval.toMillis()),
                Integer.toString(perHour), nowMs + ":" + UUID.randomUUID());
        long waitMs = r.toLong();
        return waitMs <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(waitMs));
    }
}
