package io.loginguard.auth.login;

import io.smallrye.common.annotation.Identifier;
import io.loginguard.events.EventFormatException;
import io.loginguard.events.EventJson;
import io.loginguard.events.PipelineHeartbeat;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.auth.config.ConsumerProperties;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Lets a login wait for risk's verdict on its own attempt. The verdict lands on whichever partition its account
 * hashes to, and the group consumer that applies verdicts to the gate may be another node's; so every node also
 * reads every partition of risk.verdicts from the end (no group, nothing committed) and completes the logins that
 * wait on it here. A waiter is registered before its attempt is published, so no verdict can come too early.
 */
@ApplicationScoped
public class VerdictWaiters {
    private static final Logger LOG = Logger.getLogger(VerdictWaiters.class);
    static final String PREFIX = "loginguard.consumer.verdict-waiters.";

    private final Map<UUID, CompletableFuture<RiskVerdict>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Object> kafka;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private volatile boolean listening;

    public VerdictWaiters(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    /** Call before publishing the attempt; complete or {@link #forget} it afterwards. */
    public CompletableFuture<RiskVerdict> expect(UUID attemptId) {
        return waiting.computeIfAbsent(attemptId, id -> new CompletableFuture<>());
    }

    public void forget(UUID attemptId) {
        waiting.remove(attemptId);
    }

    /** Whether the listener is positioned on every partition (a login waiting before then might miss its verdict). */
    public boolean listening() {
        return listening;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        Thread t = new Thread(this::listen, "verdict-waiters");
        t.setDaemon(true);
        t.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void listen() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config(), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                List<TopicPartition> partitions = c.partitionsFor(Topics.RISK_VERDICTS, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(partitions);
                c.seekToEnd(partitions);
                partitions.forEach(p -> c.position(p, Duration.ofSeconds(10)));
                listening = true;
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                        complete(r);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                listening = false;
                LOG.warnf("verdict listener failed, restarting: %s", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private void complete(ConsumerRecord<String, byte[]> r) {
        if (waiting.isEmpty() || PipelineHeartbeat.isHeartbeatKey(r.key()) || r.value() == null) {
            return;
        }
        try {
            RiskVerdict verdict = EventJson.fromBytes(r.value(), RiskVerdict.class);
            CompletableFuture<RiskVerdict> waiter = waiting.remove(verdict.attemptId());
            if (waiter != null) {
                waiter.complete(verdict);
            }
        } catch (EventFormatException e) {
            // not a verdict: the group consumer dead-letters it; nobody here can be waiting on it
        }
    }

    /** {@code loginguard.consumer.verdict-waiters.*}: any Kafka consumer property (no group: it assigns itself). */
    private Properties config() {
        Properties p = ConsumerProperties.of(kafka, PREFIX, Set.of());
        p.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
