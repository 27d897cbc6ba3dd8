package io.loginguard.auth.password;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The threads Argon2 runs on: a fixed number of them (so at most that many hashes at once, the rest queue in order of
 * arrival), each at a lower scheduling priority than the rest of the process.
 *
 * <p>Why lower: a hash is tens of milliseconds of CPU, everything else a login does is a few hundred microseconds of
 * waking up and handing on (the attempt's publish, the verdict consumers, the gate's Redis script, the broker and
 * risk when they share the machine). At the same priority a verdict that arrives while both cores hash waits for a
 * time slice; at nice 10 the scheduler gives the woken thread the core at once and the hash continues after. Hashes
 * lose nothing when the cores are otherwise idle: priority only decides who runs when both want to.
 */
final class HashingThreads implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HashingThreads.class);

    private final ThreadPoolExecutor pool;

    HashingThreads(int threads, int nice) {
        AtomicInteger count = new AtomicInteger();
        AtomicBoolean reported = new AtomicBoolean();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(() -> {
                boolean lowered = ThreadNiceness.lowerCurrentThread(nice);
                if (nice > 0 && reported.compareAndSet(false, true)) {
                    if (lowered) {
                        LOG.infof("Argon2 hashes run on %d threads at nice %d", threads, nice);
                    } else {
                        LOG.warnf("could not lower the Argon2 threads' priority to nice %d: hashes run at normal priority", nice);
                    }
                }
                task.run();
            }, "argon2-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code hash} on one of the threads and waits for it, uninterruptibly (as a queued request must). */
    <T> T run(Supplier<T> hash) {
        Future<T> result = pool.submit(hash::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
