package io.loginguard.notification.outbox;

import io.loginguard.kit.db.Transactions;
import io.loginguard.kit.outbox.JdbcOutbox;
import io.loginguard.kit.outbox.OutboxProducer;
import io.loginguard.kit.outbox.RelayWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Relays notification's outbox to Kafka on a thread of its own (service-kit's {@link RelayWorker} and {@link JdbcOutbox}):
 * under a transaction-scoped advisory lock (one relay at a time, so records leave in the order they were written),
 * sends a batch with an idempotent producer, waits for every acknowledgement, deletes the batch. A crash between send
 * and commit sends the batch again: at least once; readers dedupe by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final long LOCK_ID = 0x4c47_4e4fL; // "LGNO": notification's outbox relay
    private static final int BATCH = 500;
    private static final Duration FAILURE_PAUSE = Duration.ofSeconds(1);

    private final Map<String, Object> kafka;
    private final JdbcOutbox outbox;
    private final RelayWorker worker;
    private volatile OutboxProducer producer;

    public OutboxRelay(Transactions tx, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                       @ConfigProperty(name = "loginguard.notification.outbox.poll-interval", defaultValue = "PT0.5S") Duration pollInterval) {
        this.kafka = kafka;
        this.outbox = new JdbcOutbox(tx, LOCK_ID, BATCH, false);
        this.worker = new RelayWorker("notification-outbox-relay", BATCH, pollInterval, FAILURE_PAUSE, this::relayBatch);
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

    /** A new row is waiting: relay now rather than at the next poll. */
    public void wakeUp() {
        worker.wakeUp();
    }

    int relayBatch() {
        return outbox.relayBatch(producer);
    }
}
