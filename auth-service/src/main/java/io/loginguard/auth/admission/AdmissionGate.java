package io.loginguard.auth.admission;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.config.RedisKeys;
import io.loginguard.events.RiskVerdict;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * The exact-lockout gate (ARCHITECTURE.md, "Exact lockout under concurrency"). Per account, one Redis hash
 * holds the sequence numbers auth has issued, how many of them risk has processed, risk's confirmed failure
 * streak and its lock. An attempt is admitted to a password check only if
 * {@code failures + (issued - processed) < threshold}: every attempt still in flight is counted as a failure,
 * so no burst across any number of auth nodes can check more passwords than the threshold allows.
 * Both decisions are single Lua scripts, so they are atomic across nodes.
 */
@ApplicationScoped
public class AdmissionGate {
    /**
     * KEYS[1] hash; ARGV threshold, now ms, confirmation timeout ms, fail closed (1/0), ttl ms, lost-attempt
     * timeout ms. Attempts unconfirmed past the lost-attempt timeout are given up (issued = processed): their
     * events never reached risk (auth died between admission and publishing), and without this the account
     * would stay refused for good.
     */
    static final String ADMIT = """
            local h = KEYS[1]
            local threshold, now, timeout, lost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[6])
            local v = redis.call('HMGET', h, 'issued', 'processed', 'failures', 'lockedUntil', 'pendingSince')
            local issued, processed = tonumber(v[1]) or 0, tonumber(v[2]) or 0
            local failures, lockedUntil = tonumber(v[3]) or 0, tonumber(v[4]) or 0
            local waited = v[5] and (now - tonumber(v[5])) or 0
            if processed > issued then issued = processed end
            if lockedUntil > now then return {0, 'LOCKED', lockedUntil - now} end
            if issued > processed and waited > lost then
              issued = processed
              redis.call('HSET', h, 'issued', issued)
              redis.call('HDEL', h, 'pendingSince')
              waited = 0
            end
            local pending = issued - processed
            local stalled = pending > 0 and waited > timeout
            if stalled and ARGV[4] == '1' then return {0, 'RISK_UNAVAILABLE', 1000} end
            if stalled then pending = 0 end
            if failures + pending >= threshold then return {0, 'AT_THRESHOLD', 1000} end
            if issued - processed == 0 then redis.call('HSET', h, 'pendingSince', now) end
            issued = issued + 1
            redis.call('HSET', h, 'issued', issued)
            redis.call('PEXPIRE', h, ARGV[5])
            return {1, 'ADMITTED', issued}
            """;

    /** KEYS[1] hash. Gives back one unconfirmed slot whose attempt could not be published. */
    static final String RELEASE = """
            local h = KEYS[1]
            local v = redis.call('HMGET', h, 'issued', 'processed')
            local issued, processed = tonumber(v[1]) or 0, tonumber(v[2]) or 0
            if issued <= processed then return 0 end
            redis.call('HSET', h, 'issued', issued - 1)
            if issued - 1 == processed then redis.call('HDEL', h, 'pendingSince') end
            return 1
            """;

    /** KEYS[1] hash; ARGV processed, failures, lockedUntil ms (0 = none), now ms, ttl ms. */
    static final String CONFIRM = """
            local h = KEYS[1]
            local processed, failures, lockedUntil, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
            local v = redis.call('HMGET', h, 'issued', 'processed', 'lockedUntil')
            local issued, known, knownLock = tonumber(v[1]) or 0, tonumber(v[2]) or 0, tonumber(v[3]) or 0
            if processed > known then
              if processed > issued then issued = processed end
              redis.call('HSET', h, 'processed', processed, 'failures', failures, 'lockedUntil', lockedUntil, 'issued', issued)
              if issued == processed then redis.call('HDEL', h, 'pendingSince') else redis.call('HSET', h, 'pendingSince', now) end
            elseif processed == known and lockedUntil > knownLock then
              redis.call('HSET', h, 'lockedUntil', lockedUntil)
            end
            redis.call('PEXPIRE', h, ARGV[5])
            return processed > known and 1 or 0
            """;

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final AuthConfig.Admission config;
    private final Clock clock;

    public AdmissionGate(RedisDataSource redis, RedisKeys keys, AuthConfig config, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.config = config.admission();
        this.clock = clock;
    }

    public Admission admit(String accountKey) {
        Response r = redis.execute("EVAL", ADMIT, "1", keys.admission(accountKey),
                Integer.toString(config.threshold()),
                Long.toString(clock.millis()),
                Long.toString(config.confirmationTimeout().toMillis()),
                config.failClosed() ? "1" : "0",
                Long.toString(config.stateTtl().toMillis()),
                Long.toString(config.lostAttemptTimeout().toMillis()));
        if (r.get(0).toInteger() == 1) {
            return Admission.admitted(r.get(2).toLong());
        }
        return Admission.refused(Admission.Refusal.valueOf(r.get(1).toString()), Duration.ofMillis(r.get(2).toLong()));
    }

    /**
     * Gives the slot of an admitted attempt back when its event could not be published: risk will never
     * confirm it. If the event did reach Kafka after all, risk's count overtakes {@code issued} and the
     * confirmation restores it; the cost is at most one extra admission per failed publication, during a
     * Kafka outage.
     */
    public void release(String accountKey) {
        redis.execute("EVAL", RELEASE, "1", keys.admission(accountKey));
    }

    /** Applies one of risk's verdicts; idempotent and order-insensitive. Returns whether it advanced the count. */
    public boolean confirm(RiskVerdict verdict) {
        long lockedUntil = verdict.lockedUntil() == null ? 0 : verdict.lockedUntil().toEpochMilli();
        Response r = redis.execute("EVAL", CONFIRM, "1", keys.admission(verdict.accountKey()),
                Long.toString(verdict.admittedProcessed()),
                Integer.toString(verdict.consecutiveFailures()),
                Long.toString(lockedUntil),
                Long.toString(clock.millis()),
                Long.toString(config.stateTtl().toMillis()));
        return r.toInteger() == 1;
    }
}
