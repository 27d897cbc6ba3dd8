package io.loginguard.auth.outbox;

import java.util.Map;
import io.smallrye.common.annotation.Identifier;
import io.loginguard.auth.db.Sql;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.Event;
import io.loginguard.events.EventJson;
import io.loginguard.events.EventType;
import io.loginguard.events.EventTypes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Relays the outbox to Kafka: in one transaction, takes a PostgreSQL advisory lock (one relay at a time across
 * auth nodes, so events leave in the order they were written), sends a batch with an idempotent producer
 * (acks=all), waits for every acknowledgement, and deletes the batch. If auth dies after sending and before the
 * commit, the batch is sent again: at least once, and consumers dedupe by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_ID = 0x4c47_4f42L; // "LGOB": the outbox relay's advisory lock
    private static final int BATCH = 500;

    private final Map<String, Object> kafka;
    private final Duration pollInterval;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile Thread worker;
    private volatile boolean running;
    private volatile boolean paused;

    public OutboxRelay(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                       @ConfigProperty(name = "loginguard.auth.outbox.poll-interval", defaultValue = "PT1S") Duration pollInterval) {
        this.kafka = kafka;
        this.pollInterval = pollInterval;
    }

    void start(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Holds the background relay (tests drive {@link #relayBatch} themselves meanwhile). */
    void pause() {
        paused = true;
        synchronized (this) {
            // a batch the background relay had begun has ended here
        }
    }

    void resume() {
        paused = false;
        wakeUp();
    }

    /** A new row is waiting: relay now rather than at the next poll. */
    void wakeUp() {
        Thread w = worker;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    private void loop() {
        while (running) {
            try {
                while (running && !paused && relayBatch(batch -> { }) == BATCH && !paused) {
                    // a full batch: there may be more right away
                }
            } catch (RuntimeException e) {
                LOG.warnf("outbox relay failed, will retry: %s", e.getMessage());
            }
            LockSupport.parkNanos(pollInterval.toNanos());
        }
    }

    /**
     * Relays one batch; returns how many rows it sent (0 when another node holds the relay lock).
     * {@code afterSend} runs once the broker acknowledged the batch and before it is deleted (tests stop there).
     */
    synchronized int relayBatch(Consumer<List<OutboxRecord>> afterSend) {
        return QuarkusTransaction.requiringNew().call(() -> {
            boolean locked = Sql.first("SELECT pg_try_advisory_xact_lock(?)", rs -> rs.getBoolean(1), LOCK_ID)
                    .orElse(false);
            if (!locked) {
                return 0;
            }
            List<OutboxRecord> batch = OutboxRecord.oldest(BATCH);
            if (batch.isEmpty()) {
                return 0;
            }
            send(batch);
            afterSend.accept(batch);
            // by id, never by range: a row whose transaction commits late may hold an id inside the range
            OutboxRecord.deleteAll(batch.stream().map(r -> r.id).toArray(Long[]::new));
            return batch.size();
        });
    }

    private void send(List<OutboxRecord> batch) throws Exception {
        List<Future<?>> acks = new ArrayList<>(batch.size());
        for (OutboxRecord r : batch) {
            acks.add(producer.send(new ProducerRecord<>(r.topic, null, r.recordKey, r.payload, headers(r))));
        }
        for (Future<?> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    private static RecordHeaders headers(OutboxRecord r) {
        RecordHeaders headers = new RecordHeaders();
        EventType type = EventTypes.byCeType(r.ceType)
                .orElseThrow(() -> new IllegalStateException("outbox row " + r.id + " has an unknown ce_type " + r.ceType));
        Event event = EventJson.fromBytes(r.payload, type.eventClass());
        CloudEventHeaders.write(headers, event, r.traceparent);
        return headers;
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.putAll(kafka); // every kafka.* setting: the bootstrap servers and, where set, TLS and SASL
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        return p;
    }
}
