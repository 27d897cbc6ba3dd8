package io.loginguard.notification.outbox;

import io.loginguard.kit.db.Transactions;
import io.loginguard.kit.outbox.JdbcOutbox;
import io.loginguard.kit.outbox.JdbcOutboxRelay;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Relays notification's outbox to Kafka on a thread of its own (service-kit's {@link JdbcOutboxRelay}):
 * under a transaction-scoped advisory lock (one relay at a time, so records leave in the order they were written),
 * sends a batch with an idempotent producer, waits for every acknowledgement, deletes the batch. A crash between send
 * and commit sends the batch again: at least once; readers dedupe by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final long LOCK_ID = 0x4c47_4e4fL; // "LGNO": notification's outbox relay
    private static final int BATCH = 500;

    private final JdbcOutboxRelay relay;

    public OutboxRelay(Transactions tx, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                       @ConfigProperty(name = "loginguard.notification.outbox.poll-interval", defaultValue = "PT0.5S") Duration pollInterval) {
        this.relay = new JdbcOutboxRelay("notification-outbox-relay", new JdbcOutbox(tx, LOCK_ID, BATCH, false), kafka,
                pollInterval);
    }

    void start(@Observes StartupEvent event) {
        relay.start();
    }

    void stop(@Observes ShutdownEvent event) {
        relay.stop(Duration.ofSeconds(2));
    }

    /** A new row is waiting: relay now rather than at the next poll. */
    public void wakeUp() {
        relay.wakeUp();
    }
}
