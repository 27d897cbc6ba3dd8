package io.loginguard.notification.ratelimit;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.notification.config.NotificationConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-destination limits in Redis, a sliding window per destination: a sorted set of the message ids sent there,
 * scored by time, checked and added to in one script. The message id is the member, so a retry of the same message
 * never takes a second slot. Keys hold a hash of the destination, never the address or number itself.
 */
@ApplicationScoped
public class DestinationRateLimiter {
    // KEYS[1] the window; ARGV now (ms), window (ms), limit, member. Returns {1, 0} if allowed, {0, ms until a slot frees}.
    static final String SCRIPT = """
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return {1, 0} end
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              return {0, tonumber(oldest[2]) + window - now}
            end
            redis.call('ZADD', KEYS[1], now, ARGV[4])
            redis.call('PEXPIRE', KEYS[1], window)
            return {1, 0}""";

    private static final String SCRIPT_SHA = sha1(SCRIPT);

    private final RedisDataSource redis;
    private final RateLimitPolicy policy;
    private final Clock clock;
    private final String prefix;

    public DestinationRateLimiter(RedisDataSource redis, NotificationConfig config, Clock clock,
                                  @ConfigProperty(name = "loginguard.redis.key-prefix", defaultValue = "lg:notification:") String prefix) {
        this.redis = redis;
        this.policy = RateLimitPolicy.of(config.rateLimit());
        this.clock = clock;
        this.prefix = prefix;
    }

    /** Takes a slot for this message at this destination, or says when one frees. Throws if Redis does not answer. */
    public Decision acquire(Channel channel, String destination, UUID messageId) {
        return acquire(channel, destination, messageId, clock.instant());
    }

    /** As {@link #acquire(Channel, String, UUID)} at a given time (tests walk the window's edge with it). */
    public Decision acquire(Channel channel, String destination, UUID messageId, Instant now) {
        String[] args = {"1", key(channel, destination), Long.toString(now.toEpochMilli()),
                Long.toString(policy.window().toMillis()), Integer.toString(policy.limit(channel)), messageId.toString()};
        Response r = run(args);
        boolean allowed = r.get(0).toInteger() == 1;
        return new Decision(allowed, allowed ? now : now.plusMillis(Math.max(1, r.get(1).toLong())));
    }

    /** By SHA (EVALSHA); the script's text goes only when Redis does not know it yet (first use, a restart). */
    private Response run(String[] args) {
        try {
            return redis.execute("EVALSHA", prepend(SCRIPT_SHA, args));
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            return redis.execute("EVAL", prepend(SCRIPT, args));
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    String key(Channel channel, String destination) {
        return prefix + "rate:" + channel.name().toLowerCase(Locale.ROOT) + ":" + hash(normalize(channel, destination));
    }

    static String normalize(Channel channel, String destination) {
        String d = destination.trim();
        return channel == Channel.EMAIL ? d.toLowerCase(Locale.ROOT) : d.replaceAll("[^0-9+]", "");
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Allowed now, or refused until {@code nextSlot}. */
    public record Decision(boolean allowed, Instant nextSlot) {
    }
}
