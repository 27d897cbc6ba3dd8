package io.loginguard.auth.admission;

import io.smallrye.common.annotation.Identifier;
import io.loginguard.auth.config.RedisKeys;
import io.loginguard.events.AccountRiskState;
import io.loginguard.events.EventFormatException;
import io.loginguard.events.EventJson;
import io.loginguard.events.Topics;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Auth's view of risk's compacted {@code risk.account-state}, kept in the gate hashes. The live consumer
 * ({@link RiskStateConsumer}) keeps it current; this class makes it whole again when Redis lost its data (a
 * restart without persistence, a failover, a flush): a marker key says the view is complete, and while it is
 * missing one node reads the compacted topic from the beginning and applies every record by version, so the
 * newest view wins whatever the live consumer applied meanwhile. Until then the gate admits no account without
 * a hash, and readiness says it is rebuilding.
 *
 * <p>The rebuild lock is a lease named after this process: a {@code SET NX} whose answer was lost (a Redis timeout on
 * a busy machine) leaves the lock with this process's name, which the next tick recognises as its own instead of
 * waiting for it to expire; the lease is renewed while the rebuild reads, and released only by its holder.
 */
@ApplicationScoped
public class RiskProjection {
    private static final Logger LOG = Logger.getLogger(RiskProjection.class);
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** Takes the lease, or finds it already ours: 1 when this process holds it. */
    private static final String TAKE = """
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
            if holder then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1""";
    /** Renews the lease (with the lease's length) or gives it back (with 0), only for its holder. */
    private static final String RENEW_OR_RELEASE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            if ARGV[2] == '0' then return redis.call('DEL', KEYS[1]) end
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])""";

    private final AdmissionGate gate;
    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final Map<String, Object> kafka;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "risk-projection-rebuild"));
    private final AtomicBoolean running = new AtomicBoolean();
    private final String holder = "auth-projection-" + UUID.randomUUID();
    private volatile boolean complete;

    public RiskProjection(AdmissionGate gate, RedisDataSource redis, RedisKeys keys,
                          @Identifier("default-kafka-broker") Map<String, Object> kafka, Clock clock) {
        this.gate = gate;
        this.redis = redis;
        this.keys = keys;
        this.kafka = kafka;
        this.clock = clock;
    }

    /** As of the last check: whether the view is complete (readiness reads this). */
    public boolean isComplete() {
        return complete;
    }

    /** Called every heartbeat tick: notices a lost view and starts a rebuild unless one runs somewhere. */
    public void check() {
        complete = gate.riskViewComplete();
        if (!complete && running.compareAndSet(false, true)) {
            worker.execute(() -> {
                try {
                    rebuildIfNobodyElseIs();
                } catch (RuntimeException e) {
                    LOG.warnf(e, "rebuilding the view of risk.account-state failed, will retry");
                } finally {
                    running.set(false);
                }
            });
        }
    }

    /** This process's name on the rebuild lock. */
    public String holder() {
        return holder;
    }

    private void rebuildIfNobodyElseIs() {
        if (lease(TAKE, LEASE.toMillis()) != 1) {
            return; // another node is rebuilding
        }
        try {
            long started = clock.millis();
            long applied = replayCompactedState();
            redis.execute("SET", keys.riskProjectionComplete(), Long.toString(clock.millis()));
            complete = true;
            LOG.infof("rebuilt the view of risk.account-state: %d records in %d ms", applied, clock.millis() - started);
        } finally {
            lease(RENEW_OR_RELEASE, 0);
        }
    }

    private long lease(String script, long millis) {
        Response answer = redis.execute("EVAL", script, "1", keys.riskProjectionRebuildLock(), holder, Long.toString(millis));
        return answer == null ? 0 : answer.toLong();
    }

    private long replayCompactedState() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RISK_ACCOUNT_STATE, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long applied = 0;
            while (!reached(consumer, end)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    applied += apply(record) ? 1 : 0;
                }
                if (lease(RENEW_OR_RELEASE, LEASE.toMillis()) != 1) {
                    throw new IllegalStateException("the rebuild lease was lost (expired under load); another node may rebuild");
                }
            }
            return applied;
        }
    }

    /** Applies one record of risk.account-state to the gate; false for one that is not a state (logged, skipped). */
    private boolean apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return false;
        }
        try {
            apply(record.key(), parse(record.value()));
            return true;
        } catch (EventFormatException e) {
            LOG.warnf("skipped a record of risk.account-state at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return false;
        }
    }

    /** A state record's value: the state, or null for a tombstone. */
    static AccountRiskState parse(byte[] value) {
        return value == null ? null : EventJson.fromBytes(value, AccountRiskState.class);
    }

    /** Applies risk's state of one key; null: risk forgot the key. */
    void apply(String key, AccountRiskState state) {
        if (state == null) {
            gate.forget(key);
        } else {
            gate.apply(state);
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), Duration.ofSeconds(10)) >= e.getValue());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.putAll(kafka); // every kafka.* setting: the bootstrap servers and, where set, TLS and SASL
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }
}
