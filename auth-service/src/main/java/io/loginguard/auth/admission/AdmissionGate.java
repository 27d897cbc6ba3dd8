package io.loginguard.auth.admission;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.config.RedisKeys;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.events.AccountRiskState;
import io.loginguard.events.LoginSource;
import io.loginguard.events.RiskVerdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The exact-lockout gate (docs/ARCHITECTURE.md, "Exact lockout under concurrency"): an attempt may check a
 * password only while the attempts in flight are fewer than the checks risk still allows the account, every
 * attempt in flight counted as a failure, so no burst across any number of auth nodes checks more passwords
 * than risk's threshold. Each step is one Lua script on the account's own hash ({@link GateScripts}).
 */
@ApplicationScoped
public class AdmissionGate {
    private static final Logger LOG = Logger.getLogger(AdmissionGate.class);
    private static final LuaScript ADMIT = new LuaScript(GateScripts.ADMIT);
    private static final LuaScript PUBLISHED = new LuaScript(GateScripts.PUBLISHED);
    private static final LuaScript CONFIRM = new LuaScript(GateScripts.CONFIRM);
    private static final LuaScript FORGET = new LuaScript(GateScripts.FORGET);
    private static final LuaScript RELEASE = new LuaScript(GateScripts.RELEASE);
    private static final int MAX_PENDING_RELEASES = 10_000;

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final AuthConfig.Admission config;
    private final Duration grace;
    private final PipelineView pipeline;
    private final Clock clock;
    private final Counter givenUp;
    /** Slots an ADMIT may have taken although its reply was lost: released once Redis answers again. */
    private final Map<String, PendingRelease> pendingReleases = new ConcurrentHashMap<>();
    private final ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gate-releases");
        t.setDaemon(true);
        return t;
    });

    private record PendingRelease(String accountKey, String token, long until) {
    }

    public AdmissionGate(RedisDataSource redis, RedisKeys keys, AuthConfig config, PipelineView pipeline,
                         Clock clock, MeterRegistry registry) {
        this.redis = redis;
        this.keys = keys;
        this.config = config.admission();
        this.grace = config.pipeline().lostAttemptGrace();
        this.pipeline = pipeline;
        this.clock = clock;
        this.givenUp = Counter.builder("loginguard.admission.given.up")
                .description("attempts in flight the gate gave up: never published, or passed by the pipeline unanswered")
                .register(registry);
    }

    /**
     * Admits a password check, or says why not. If Redis does not answer, the script may still run once it does
     * (a slow network delivers it late): the slot it would take is released in the background
     * (every second until Redis answers), since this node never checks a password for it. Past the lost-attempt
     * timeout the gate gives such a slot up by itself.
     */
    public Admission admit(String accountKey) {
        return admit(accountKey, Stage.PASSWORD);
    }

    /** Which check an admission is for: each stage has its own count of checks left, under one lock. */
    public enum Stage { PASSWORD, SECOND_FACTOR }

    public Admission admit(String accountKey, Stage stage) {
        return admit(accountKey, stage, null);
    }

    /**
     * As {@link #admit(String, Stage)}, for an account whose (master's) policy allows fewer checks than the default:
     * until risk has confirmed the account's own count, no more than {@code maxChecks} are let through at once.
     */
    public Admission admit(String accountKey, Stage stage, Integer maxChecks) {
        return admit(accountKey, stage, maxChecks, null);
    }

    /**
     * As {@link #admit(String, Stage, Integer)}, for a password check from {@code source} (the digest of the
     * attempt's device and address, {@code LoginSource.digest}; null when unknown): refused SOURCE_LOCKED while risk
     * has that source locked (lockout mode account-and-source), before any password is hashed.
     */
    public Admission admit(String accountKey, Stage stage, Integer maxChecks, String source) {
        String token = UUID.randomUUID().toString();
        Response r;
        try {
            r = runAdmit(accountKey, false, token, stage, maxChecks, source);
            if (r.get(1).toString().equals("NO_STATE")) {
                // No hash: a new or long-idle account, or Redis lost its data. Only the first may start afresh.
                if (!riskViewComplete()) {
                    return Admission.refused(Admission.Refusal.REBUILDING, Duration.ofSeconds(1));
                }
                r = runAdmit(accountKey, true, token, stage, maxChecks, source);
            }
        } catch (RuntimeException e) {
            if (pendingReleases.size() < MAX_PENDING_RELEASES) {
                pendingReleases.put(token, new PendingRelease(accountKey, token,
                        clock.millis() + config.lostAttemptTimeout().toMillis()));
            }
            throw e;
        }
        long abandoned = r.get(3).toLong();
        if (abandoned > 0) {
            givenUp.increment(abandoned);
            LOG.warnf("gave up %d unanswered attempt(s) of %s: never published, or the pipeline has moved past them",
                    abandoned, accountKey);
        }
        if (r.get(0).toInteger() == 1) {
            return Admission.admitted(r.get(2).toLong());
        }
        return Admission.refused(Admission.Refusal.valueOf(r.get(1).toString()), Duration.ofMillis(r.get(2).toLong()));
    }

    /**
     * Whether auth's view of risk.account-state is whole (see {@link RiskProjection}). Read only for accounts with
     * no hash, so a Redis that lost its data never lets a locked account start afresh.
     */
    public boolean riskViewComplete() {
        return redis.execute("EXISTS", keys.riskProjectionComplete()).toInteger() == 1;
    }

    private Response runAdmit(String accountKey, boolean create, String token, Stage stage, Integer maxChecks,
                              String source) {
        int defaultLeft = (stage == Stage.PASSWORD ? pipeline.threshold() : pipeline.secondFactorThreshold()).orElse(-1);
        if (maxChecks != null && defaultLeft > maxChecks) {
            defaultLeft = maxChecks;
        }
        return ADMIT.run(redis, List.of(keys.admission(accountKey)),
                Long.toString(clock.millis()),
                Long.toString(config.confirmationTimeout().toMillis()),
                config.failClosed() ? "1" : "0",
                Long.toString(config.lostAttemptTimeout().toMillis()),
                Integer.toString(config.threshold()),
                Integer.toString(defaultLeft),
                Long.toString(pipeline.watermarkFor(accountKey)),
                Long.toString(grace.toMillis()),
                ttl(accountKey),
                create ? "1" : "0",
                forced(accountKey),
                token,
                stage == Stage.PASSWORD ? "p" : "s",
                source == null ? "" : source);
    }

    /**
     * The send of an admitted attempt failed and its fate is unknown (a timeout: the producer may still write it
     * until {@code writableUntil}). The slot then waits like a published one, and is given up once the pipeline has
     * passed that time; if the event did land, risk's verdict answers it as usual.
     */
    public void sendUncertain(String accountKey, long sequence, Instant writableUntil) {
        PUBLISHED.run(redis, List.of(keys.admission(accountKey)), Long.toString(sequence),
                Long.toString(writableUntil.toEpochMilli()));
    }

    /** The admitted attempt never reached the producer (an open circuit), and its check was never answered: free it. */
    public void neverSent(String accountKey, long sequence) {
        release(accountKey, Long.toString(sequence), "");
    }

    void startReleaser(@Observes StartupEvent event) {
        releaser.scheduleWithFixedDelay(this::releasePending, 1, 1, TimeUnit.SECONDS);
    }

    void stopReleaser(@Observes ShutdownEvent event) {
        releaser.shutdownNow();
    }

    /** Retries the releases of slots whose ADMIT reply was lost; stops at the first Redis failure, until next time. */
    void releasePending() {
        for (PendingRelease p : List.copyOf(pendingReleases.values())) {
            if (clock.millis() > p.until()) {
                pendingReleases.remove(p.token()); // the gate gives it up by itself now
                continue;
            }
            try {
                long freed = releaseToken(p.accountKey(), p.token());
                pendingReleases.remove(p.token());
                if (freed > 0) {
                    LOG.infof("released a slot of %s whose admission reply was lost", p.accountKey());
                }
            } catch (RuntimeException e) {
                return;
            }
        }
    }

    /** Frees the unpublished slot an ADMIT with this token took, if it took one. Returns how many it freed. */
    long releaseToken(String accountKey, String token) {
        return release(accountKey, "", token);
    }

    private long release(String accountKey, String sequence, String token) {
        return RELEASE.run(redis, List.of(keys.admission(accountKey)), sequence, token, Long.toString(clock.millis()),
                ttl(accountKey), forced(accountKey)).toLong();
    }

    /** After the broker acknowledged an admitted attempt's event: it now waits only on risk. */
    public void published(String accountKey, long sequence) {
        PUBLISHED.run(redis, List.of(keys.admission(accountKey)), Long.toString(sequence), Long.toString(clock.millis()));
    }

    /** Applies one of risk's verdicts: answers its attempt and takes risk's newer view. Idempotent, any order. */
    public boolean confirm(RiskVerdict verdict) {
        return confirm(verdict.accountKey(), verdict.sequence(), verdict.version(), verdict.consecutiveFailures(),
                verdict.checksLeft(), verdict.lockedUntil(), verdict.secondFactorFailures(),
                verdict.secondFactorChecksLeft(), verdict.lockedSources());
    }

    /**
     * Applies a record of risk's compacted state: lock changes that come with no attempt reach the gate too. The
     * record's counters already include the newest attempt risk processed ({@code lastSequence}), so it answers that
     * attempt's flight as its verdict would: otherwise, when the state overtakes the verdict, that attempt would be
     * counted twice (once in risk's failures, once in flight) and a legitimate check refused until the verdict came.
     */
    public boolean apply(AccountRiskState state) {
        return confirm(state.accountKey(), state.lastSequence(), state.version(), state.consecutiveFailures(), state.checksLeft(),
                state.lockedUntil(), state.secondFactorFailures(), state.secondFactorChecksLeft(), state.lockedSources());
    }

    /** Risk forgot the key (a tombstone): its view is as fresh as an account never seen. */
    public void forget(String accountKey) {
        FORGET.run(redis, List.of(keys.admission(accountKey)), Long.toString(clock.millis()), ttl(accountKey),
                forced(accountKey));
    }

    private boolean confirm(String accountKey, Long sequence, long version, int failures, Integer checksLeft,
                            Instant lockedUntil, int secondFactorFailures, Integer secondFactorChecksLeft,
                            SortedMap<String, Instant> lockedSources) {
        Response r = CONFIRM.run(redis, List.of(keys.admission(accountKey)),
                sequence == null ? "" : Long.toString(sequence),
                Long.toString(version),
                Integer.toString(failures),
                checksLeft == null ? "" : Integer.toString(checksLeft),
                lockedUntil == null ? "0" : Long.toString(lockedUntil.toEpochMilli()),
                Long.toString(clock.millis()),
                ttl(accountKey),
                forced(accountKey),
                Integer.toString(secondFactorFailures),
                secondFactorChecksLeft == null ? "" : Integer.toString(secondFactorChecksLeft),
                sources(lockedSources));
        return r.toInteger() == 1;
    }

    /** Locked sources as the gate hash keeps them: {@code <digest>=<until ms>;...}, '' for none. */
    static String sources(SortedMap<String, Instant> lockedSources) {
        if (lockedSources == null || lockedSources.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        lockedSources.forEach((digest, until) -> {
            if (LoginSource.isDigest(digest)) { // anything else is not risk's: never put it into a Lua pattern
                b.append(digest).append('=').append(until.toEpochMilli()).append(';');
            }
        });
        return b.toString();
    }

    private String ttl(String accountKey) {
        Duration ttl = isUnknownIdentifier(accountKey) ? config.unknownKeyTtl() : config.stateTtl();
        return Long.toString(ttl.toMillis());
    }

    private static String forced(String accountKey) {
        return isUnknownIdentifier(accountKey) ? "1" : "0";
    }

    private static boolean isUnknownIdentifier(String accountKey) {
        return accountKey.startsWith("unknown:");
    }
}
