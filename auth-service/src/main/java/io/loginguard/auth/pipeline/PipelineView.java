package io.loginguard.auth.pipeline;

import io.loginguard.auth.config.RedisKeys;
import io.loginguard.events.PipelineHeartbeatEcho;
import io.loginguard.events.Topics;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What this node knows of the login pipeline, from risk's answers to heartbeats (any node's): per partition of
 * auth.login-attempts the send time of the newest answered heartbeat, and risk's lockout threshold. Kept in Redis,
 * so every node sees every answer whichever node consumed it, and read into memory once a heartbeat tick, so the
 * login path reads no shared key.
 */
@ApplicationScoped
public class PipelineView {
    private static final String ANSWERED = """
            local function raise(key, field, value)
              local old = tonumber(redis.call('HGET', key, field)) or 0
              if tonumber(value) > old then redis.call('HSET', key, field, value) end
            end
            raise(KEYS[1], 'p' .. ARGV[1], ARGV[2])
            redis.call('HSET', KEYS[1], 'threshold', ARGV[3], 'second-factor-threshold', ARGV[4])
            raise(KEYS[2], 'answered', ARGV[2])
            redis.call('PEXPIRE', KEYS[2], 86400000)
            return 1
            """;

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final NodeIdentity node;
    private volatile AtomicLongArray watermarks = new AtomicLongArray(Topics.find(Topics.LOGIN_ATTEMPTS).orElseThrow().partitions());
    private volatile int threshold = -1;
    private volatile int secondFactorThreshold = -1;
    private volatile long ownAnswered;

    public PipelineView(RedisDataSource redis, RedisKeys keys, NodeIdentity node) {
        this.redis = redis;
        this.keys = keys;
        this.node = node;
    }

    /** Records risk's answer to a heartbeat (this node's or another's). */
    public void answered(PipelineHeartbeatEcho echo) {
        String sentAt = Long.toString(echo.sentAt().toEpochMilli());
        redis.execute("EVAL", ANSWERED, "2", keys.pipelineWatermarks(), keys.pipelineNode(echo.nodeId()),
                Integer.toString(echo.partition()), sentAt, Integer.toString(echo.passwordThreshold()),
                Integer.toString(echo.secondFactorThreshold()));
    }

    /** Reads the shared view into memory; called once a heartbeat tick. */
    public void refresh(int partitions) {
        Response all = redis.execute("HGETALL", keys.pipelineWatermarks());
        AtomicLongArray next = new AtomicLongArray(partitions);
        int nextThreshold = -1;
        int nextSecondFactor = -1;
        for (String field : all.getKeys()) {
            String value = all.get(field).toString();
            if (field.equals("threshold")) {
                nextThreshold = Integer.parseInt(value);
            } else if (field.equals("second-factor-threshold")) {
                nextSecondFactor = Integer.parseInt(value);
            } else if (field.startsWith("p")) {
                int p = Integer.parseInt(field.substring(1));
                if (p < partitions) {
                    next.set(p, Long.parseLong(value));
                }
            }
        }
        watermarks = next;
        threshold = nextThreshold;
        secondFactorThreshold = nextSecondFactor;
        Response own = redis.execute("HGET", keys.pipelineNode(node.id()), "answered");
        ownAnswered = own == null ? 0 : own.toLong();
    }

    public int partitions() {
        return watermarks.length();
    }

    /** The partition an account's attempts travel through. */
    public int partitionOf(String accountKey) {
        return Topics.partitionFor(accountKey, partitions());
    }

    /** Send time (epoch ms) of the newest answered heartbeat through this account's partition; 0 if none. */
    public long watermarkFor(String accountKey) {
        return watermarks.get(partitionOf(accountKey));
    }

    /** Risk's password lockout threshold, if risk has answered any heartbeat since Redis last lost its data. */
    public OptionalInt threshold() {
        return threshold < 0 ? OptionalInt.empty() : OptionalInt.of(threshold);
    }

    /** Risk's second-factor lockout threshold, known as the password one is. */
    public OptionalInt secondFactorThreshold() {
        return secondFactorThreshold < 0 ? OptionalInt.empty() : OptionalInt.of(secondFactorThreshold);
    }

    /** How long ago (from {@code nowMillis}) the newest answered heartbeat of this node was sent; null if never. */
    public Duration ownSilence(long nowMillis) {
        return ownAnswered == 0 ? null : Duration.ofMillis(Math.max(0, nowMillis - ownAnswered));
    }

    /** Per partition, how long ago the newest answered heartbeat through it was sent; -1 if none ever. */
    public long[] partitionSilenceMillis(long nowMillis) {
        AtomicLongArray w = watermarks;
        long[] silence = new long[w.length()];
        for (int p = 0; p < silence.length; p++) {
            silence[p] = w.get(p) == 0 ? -1 : Math.max(0, nowMillis - w.get(p));
        }
        return silence;
    }
}
