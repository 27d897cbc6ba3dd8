package io.loginguard.kit.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The outbox relay's producer: idempotent, {@code acks=all}, no linger, and bounded waits, so that an unreachable
 * broker fails a batch within seconds (the batch stays in the outbox and is sent again) instead of blocking the relay.
 */
public final class OutboxProducer implements AutoCloseable {
    static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private final KafkaProducer<String, byte[]> producer;

    /** {@code kafka}: every {@code kafka.*} setting of the service (bootstrap servers and, where set, TLS and SASL). */
    public OutboxProducer(Map<String, Object> kafka) {
        this.producer = new KafkaProducer<>(config(kafka), new StringSerializer(), new ByteArraySerializer());
    }

    static Properties config(Map<String, Object> kafka) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(ACK_WAIT.toMillis()));
        return p;
    }

    /**
     * Sends the batch in its order and returns once the broker acknowledged every record; throws
     * {@link IllegalStateException} if any was not (the caller keeps the batch and tries again).
     */
    public void sendAll(List<ProducerRecord<String, byte[]>> batch) {
        List<Future<?>> acks = new ArrayList<>(batch.size());
        for (ProducerRecord<String, byte[]> record : batch) {
            acks.add(producer.send(record));
        }
        try {
            for (Future<?> ack : acks) {
                ack.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge the batch: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
