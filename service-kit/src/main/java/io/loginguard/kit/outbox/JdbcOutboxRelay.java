package io.loginguard.kit.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A service's whole outbox relay: its {@link JdbcOutbox} batches, sent by an {@link OutboxProducer} made at
 * {@link #start()}, on a {@link RelayWorker} thread that relays while batches come full, then waits for the poll
 * interval or a {@link #wakeUp()}. A failed batch stays in the outbox and is tried again after a second. The service
 * keeps what is its own: the lock id, the thread's name, the poll interval, whether rows carry a traceparent.
 */
public final class JdbcOutboxRelay {
    static final Duration FAILURE_PAUSE = Duration.ofSeconds(1);

    private final Map<String, Object> kafka;
    private final JdbcOutbox outbox;
    private final RelayWorker worker;
    private volatile OutboxProducer producer;

    /** {@code kafka}: the service's {@code kafka.*} settings, for the producer. */
    public JdbcOutboxRelay(String threadName, JdbcOutbox outbox, Map<String, Object> kafka, Duration pollInterval) {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.worker = new RelayWorker(threadName, outbox.batchSize(), pollInterval, FAILURE_PAUSE, this::relayBatch);
    }

    /** Creates the producer and starts the thread; a second call does nothing. */
    public synchronized void start() {
        if (producer == null) {
            producer = new OutboxProducer(kafka);
        }
        worker.start();
    }

    /** Stops the thread, waiting up to {@code wait} for the batch it may be relaying, then closes the producer. */
    public synchronized void stop(Duration wait) {
        worker.stop(wait);
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    /** A new row is waiting: relay now rather than at the next poll. */
    public void wakeUp() {
        worker.wakeUp();
    }

    /** Relays one batch now, on the caller's thread (the relay must be started); returns how many rows it sent. */
    public int relayBatch() {
        OutboxProducer p = producer;
        if (p == null) {
            throw new IllegalStateException("the outbox relay is not started");
        }
        return outbox.relayBatch(p);
    }
}
