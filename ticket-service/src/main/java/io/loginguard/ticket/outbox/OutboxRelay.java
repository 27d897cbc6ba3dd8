package io.loginguard.ticket.outbox;

import java.util.Map;
import io.smallrye.common.annotation.Identifier;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.ticket.db.Transactions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Relays the outbox to Kafka: under a transaction-scoped advisory lock (one relay at a time, so events leave in the
 * order they were written), sends a batch with an idempotent producer, waits for every acknowledgement, deletes the
 * batch. A crash between send and commit sends the batch again: at least once; readers dedupe by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_ID = 0x4c47_544bL; // "LGTK": ticket's outbox relay
    private static final int BATCH = 500;

    private final Transactions tx;
    private final Map<String, Object> kafka;
    private final Duration pollInterval;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile Thread worker;
    private volatile boolean running;

    public OutboxRelay(Transactions tx, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                       @ConfigProperty(name = "loginguard.ticket.outbox.poll-interval", defaultValue = "PT0.5S") Duration pollInterval) {
        this.tx = tx;
        this.kafka = kafka;
        this.pollInterval = pollInterval;
    }

    void start(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        running = true;
        worker = new Thread(this::loop, "ticket-outbox-relay");
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

    /** A new row is waiting: relay now rather than at the next poll. */
    public void wakeUp() {
        Thread w = worker;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    private void loop() {
        while (running) {
            try {
                while (running && relayBatch() == BATCH) {
                    // a full batch: there may be more right away
                }
            } catch (RuntimeException e) {
                LOG.warnf("outbox relay failed, will retry: %s", e.getMessage());
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
            LockSupport.parkNanos(pollInterval.toNanos());
        }
    }

    int relayBatch() {
        return tx.call(c -> {
            if (!tryLock(c)) {
                return 0;
            }
            List<Row> batch = read(c);
            if (batch.isEmpty()) {
                return 0;
            }
            send(batch);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("bigint", batch.stream().map(Row::id).toArray()));
                ps.executeUpdate();
            }
            return batch.size();
        });
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK_ID);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static List<Row> read(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, topic, record_key, value, headers::text, traceparent FROM outbox ORDER BY id LIMIT " + BATCH);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5),
                        rs.getString(6)));
            }
        }
        return rows;
    }

    private void send(List<Row> batch) {
        List<Future<?>> acks = new ArrayList<>(batch.size());
        for (Row r : batch) {
            RecordHeaders headers = new RecordHeaders();
            HeaderCodec.fromJson(r.headers()).forEach(h -> headers.add(h.name(), h.value()));
            if (r.traceparent() != null && headers.lastHeader(CloudEventHeaders.TRACEPARENT) == null) {
                headers.add(CloudEventHeaders.TRACEPARENT, r.traceparent().getBytes(StandardCharsets.US_ASCII));
            }
            acks.add(producer.send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(), headers)));
        }
        try {
            for (Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not acknowledge the batch: " + e.getMessage(), e);
        }
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.putAll(kafka); // every kafka.* setting: the bootstrap servers and, where set, TLS and SASL
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        return p;
    }

    /** {@code traceparent}: of the span that wrote the row, or null; a dead letter keeps the record's own header. */
    private record Row(long id, String topic, String key, byte[] value, String headers, String traceparent) {
    }
}
