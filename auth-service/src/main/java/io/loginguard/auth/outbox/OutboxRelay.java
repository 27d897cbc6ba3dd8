package io.loginguard.auth.outbox;

import io.loginguard.auth.db.Sql;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.Event;
import io.loginguard.events.EventJson;
import io.loginguard.events.EventType;
import io.loginguard.events.EventTypes;
import io.loginguard.kit.outbox.OutboxProducer;
import io.loginguard.kit.outbox.RelayWorker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Relays the outbox to Kafka on a thread of its own (service-kit's {@link RelayWorker}): in one transaction, takes a
 * PostgreSQL advisory lock (one relay at a time across auth nodes, so events leave in the order they were written),
 * sends a batch with an idempotent producer (acks=all), waits for every acknowledgement, and deletes the batch. If
 * auth dies after sending and before the commit, the batch is sent again: at least once, and consumers dedupe by
 * event id. Auth's rows hold the event and its trace, from which the record's CloudEvents headers are written.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final long LOCK_ID = 0x4c47_4f42L; // "LGOB": the outbox relay's advisory lock
    private static final int BATCH = 500;

    private final Map<String, Object> kafka;
    private final RelayWorker worker;
    private volatile OutboxProducer producer;
    private volatile boolean paused;

    public OutboxRelay(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                       @ConfigProperty(name = "loginguard.auth.outbox.poll-interval", defaultValue = "PT1S") Duration pollInterval) {
        this.kafka = kafka;
        this.worker = new RelayWorker("outbox-relay", BATCH, pollInterval, Duration.ZERO,
                () -> paused ? 0 : relayBatch(batch -> { }));
    }

    void start(@Observes StartupEvent event) {
        producer = new OutboxProducer(kafka);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        worker.stop(Duration.ofSeconds(2));
        if (producer != null) {
            producer.close();
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
        worker.wakeUp();
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
            producer.sendAll(batch.stream().map(OutboxRelay::record).toList());
            afterSend.accept(batch);
            // by id, never by range: a row whose transaction commits late may hold an id inside the range
            OutboxRecord.deleteAll(batch.stream().map(r -> r.id).toArray(Long[]::new));
            return batch.size();
        });
    }

    private static ProducerRecord<String, byte[]> record(OutboxRecord r) {
        RecordHeaders headers = new RecordHeaders();
        EventType type = EventTypes.byCeType(r.ceType)
                .orElseThrow(() -> new IllegalStateException("outbox row " + r.id + " has an unknown ce_type " + r.ceType));
        Event event = EventJson.fromBytes(r.payload, type.eventClass());
        CloudEventHeaders.write(headers, event, r.traceparent);
        return new ProducerRecord<>(r.topic, null, r.recordKey, r.payload, headers);
    }
}
