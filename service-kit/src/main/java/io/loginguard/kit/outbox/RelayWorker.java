package io.loginguard.kit.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * The outbox relay's thread: relays batches while they come full, then waits for the poll interval or a
 * {@link #wakeUp()} (a new row was committed). A failed batch (database or broker away) is logged and tried again
 * after {@code failurePause} and the poll interval; the rows stay in the outbox meanwhile. A wake-up that comes while
 * a batch is being relayed is remembered, not left to the thread's park permit: the batch's own waits (JDBC, the
 * broker's acknowledgements) park the thread too and would consume it, leaving the new row to the next poll.
 */
public final class RelayWorker {
    private static final Logger LOG = Logger.getLogger(RelayWorker.class);

    private final String name;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration failurePause;
    private final IntSupplier relayBatch;
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean running;

    /**
     * @param relayBatch relays one batch of at most {@code batchSize} rows and returns how many it sent (0 when
     *                   there was nothing, or another node holds the relay)
     */
    public RelayWorker(String name, int batchSize, Duration pollInterval, Duration failurePause, IntSupplier relayBatch) {
        this.name = Objects.requireNonNull(name, "name");
        this.batchSize = batchSize;
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.failurePause = Objects.requireNonNull(failurePause, "failurePause");
        this.relayBatch = Objects.requireNonNull(relayBatch, "relayBatch");
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the thread and waits up to {@code wait} for the batch it may be relaying. */
    public void stop(Duration wait) {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A new row is waiting: relay now rather than at the next poll. */
    public void wakeUp() {
        woken.set(true);
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void loop() {
        while (running) {
            // cleared before the batch reads: a row committed before a later wake-up is read by this batch or the next
            woken.set(false);
            try {
                while (running && relayBatch.getAsInt() == batchSize) {
                    // a full batch: there may be more right away
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay failed, will retry: %s", e.getMessage());
                if (!failurePause.isZero()) {
                    LockSupport.parkNanos(failurePause.toNanos());
                }
            }
            if (!woken.get()) {
                LockSupport.parkNanos(pollInterval.toNanos());
            }
        }
    }
}
