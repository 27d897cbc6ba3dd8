package io.loginguard.notification.delivery;

import io.loginguard.notification.config.NotificationConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Claims due messages and sends them on a pool of workers: never more claimed than there are free workers, so a slow
 * destination holds one worker (for at most the send timeout) while the others go on. Woken at once by the intake,
 * by a worker coming free when the last claim left more due, and otherwise every poll interval (retries coming due,
 * messages another node recorded). A finished send alone does not cause a claim: it would find nothing.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DeliveryStore store;
    private final DeliveryProcessor processor;
    private final Clock clock;
    private final int workers;
    private final Duration pollInterval;
    private final Duration lease;
    private final Duration sendTimeout;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Set by {@link #wakeUp()}: something became due since the last claim. */
    private final AtomicBoolean signalled = new AtomicBoolean(true);
    /** The last claim filled every free worker: more may be due. */
    private volatile boolean backlog;
    private volatile ExecutorService pool;
    private volatile Thread loop;
    private volatile boolean running;

    public Dispatcher(DeliveryStore store, DeliveryProcessor processor, Clock clock, NotificationConfig config) {
        this.store = store;
        this.processor = processor;
        this.clock = clock;
        this.workers = config.dispatch().workers();
        this.pollInterval = config.dispatch().pollInterval();
        this.lease = config.dispatch().lease();
        this.sendTimeout = config.dispatch().sendTimeout();
    }

    void start(@Observes StartupEvent event) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "notification-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        running = true;
        loop = new Thread(this::run, "notification-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        if (pool != null) {
            pool.shutdown(); // sends in flight finish and record their outcome
            if (!pool.awaitTermination(sendTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        }
    }

    /** Something became due (the intake recorded a message, a digest was made): look now rather than at the next poll. */
    public void wakeUp() {
        signalled.set(true);
        unpark();
    }

    /**
     * A worker came free: worth a claim only if the last claim filled every free worker (more may be due) or
     * something became due meanwhile. Otherwise a finished send would cost a claim that finds nothing, and under load
     * those empty claims (one PostgreSQL round trip each, on the dispatcher's single thread) delay the ones that matter.
     */
    private void workerDone() {
        if (backlog || signalled.get()) {
            unpark();
        }
    }

    private void unpark() {
        Thread t = loop;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void run() {
        long nextPoll = System.nanoTime();
        while (running) {
            int free = workers - inFlight.get();
            if (free > 0) {
                boolean look = signalled.getAndSet(false) | backlog || System.nanoTime() - nextPoll >= 0;
                if (look) {
                    nextPoll = System.nanoTime() + pollInterval.toNanos();
                    try {
                        backlog = dispatch(free) == free;
                    } catch (RuntimeException e) {
                        LOG.warnf("claiming messages failed, retrying: %s", e.getMessage());
                        backlog = false;
                        LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                        continue;
                    }
                    if (backlog && inFlight.get() < workers) {
                        continue; // more may be due and a worker is free: claim again at once
                    }
                }
            }
            // until woken (intake, a worker come free with more due) or the next poll for retries coming due
            long wait = nextPoll - System.nanoTime();
            LockSupport.parkNanos(wait > 0 ? wait : pollInterval.toNanos());
        }
    }

    private int dispatch(int free) {
        List<Delivery> due = store.claimDue(free, clock.instant(), lease);
        for (Delivery d : due) {
            inFlight.incrementAndGet();
            pool.execute(() -> {
                try {
                    processor.process(d);
                } catch (RuntimeException e) {
                    // left SENDING: its lease runs out and it is claimed again, as after a crash
                    LOG.errorf(e, "%s: unexpected failure", d.describe());
                } finally {
                    inFlight.decrementAndGet();
                    workerDone();
                }
            });
        }
        return due.size();
    }
}
