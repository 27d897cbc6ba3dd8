package io.loginguard.auth.admission;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.config.RedisKeys;
import io.loginguard.events.RiskVerdict;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The exact-lockout gate (ARCHITECTURE.md, "Exact lockout under concurrency"): an attempt may check a password
 * only if {@code failures + (issued - processed) < threshold}, every attempt still in flight counted as a
 * failure, so no burst across any number of auth nodes checks more passwords than the threshold allows. Each
 * step is one Lua script ({@link GateScripts}), atomic across nodes.
 */
@ApplicationScoped
public class AdmissionGate {
    private static final LuaScript ADMIT = new LuaScript(GateScripts.ADMIT);
    private static final LuaScript PUBLISHED = new LuaScript(GateScripts.PUBLISHED);
    private static final LuaScript CONFIRM = new LuaScript(GateScripts.CONFIRM);

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
        Response r = ADMIT.run(redis, List.of(keys.admission(accountKey)),
                Integer.toString(config.threshold()),
                Long.toString(clock.millis()),
                Long.toString(config.confirmationTimeout().toMillis()),
                config.failClosed() ? "1" : "0",
                ttl(),
                Long.toString(config.lostAttemptTimeout().toMillis()));
        if (r.get(0).toInteger() == 1) {
            return Admission.admitted(r.get(2).toLong());
        }
        return Admission.refused(Admission.Refusal.valueOf(r.get(1).toString()), Duration.ofMillis(r.get(2).toLong()));
    }

    /** After the broker acknowledged an attempt's event: an admitted one now waits only on risk. */
    public void published(String accountKey, boolean admitted) {
        PUBLISHED.run(redis, List.of(keys.admission(accountKey), keys.verdictFlow()),
                Long.toString(clock.millis()), admitted ? "1" : "0", ttl());
    }

    /** Applies one of risk's verdicts; idempotent and order-insensitive. Returns whether it advanced the count. */
    public boolean confirm(RiskVerdict verdict) {
        long lockedUntil = verdict.lockedUntil() == null ? 0 : verdict.lockedUntil().toEpochMilli();
        Response r = CONFIRM.run(redis, List.of(keys.admission(verdict.accountKey()), keys.verdictFlow()),
                Long.toString(verdict.admittedProcessed()),
                Integer.toString(verdict.consecutiveFailures()),
                Long.toString(lockedUntil),
                Long.toString(clock.millis()),
                ttl());
        return r.toInteger() == 1;
    }

    /**
     * How long published attempts have waited for any verdict, across all auth nodes: zero when nothing is
     * outstanding or verdicts keep coming.
     */
    public Duration verdictsStalledFor() {
        Response r = redis.execute("HMGET", keys.verdictFlow(), "lastPublished", "lastConfirmed", "waitingSince");
        long published = millis(r.get(0));
        long confirmed = millis(r.get(1));
        long waitingSince = millis(r.get(2));
        if (published <= confirmed) {
            return Duration.ZERO;
        }
        Duration waited = Duration.ofMillis(clock.millis() - waitingSince);
        return waited.compareTo(config.confirmationTimeout()) > 0 ? waited : Duration.ZERO;
    }

    private String ttl() {
        return Long.toString(config.stateTtl().toMillis());
    }

    private static long millis(Response value) {
        return value == null ? 0 : value.toLong();
    }
}
