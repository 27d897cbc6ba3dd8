package io.loginguard.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class HashingThreadsTest {
    private static final Path THREAD_STAT = Path.of("/proc/thread-self/stat");

    @Test
    void hashesRunAtTheConfiguredNiceWhileTheCallerKeepsItsOwn() throws Exception {
        int callerBefore = currentNice();
        assertThat(niceOnAHashingThread(10)).isEqualTo(Math.max(callerBefore, 10));
        assertThat(currentNice()).isEqualTo(callerBefore);
    }

    @Test
    void niceZeroLeavesThePriorityAlone() throws Exception {
        assertThat(niceOnAHashingThread(0)).isEqualTo(currentNice());
    }

    /** The nice value a hash sees on threads made with {@code nice}. */
    private static int niceOnAHashingThread(int nice) {
        Assumptions.assumeTrue(Files.exists(THREAD_STAT), "Linux only");
        try (HashingThreads threads = new HashingThreads(1, nice)) {
            return threads.run(() -> {
                try {
                    return currentNice();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The calling thread's nice value as the kernel sees it (/proc/thread-self/stat, field 19). */
    private static int currentNice() throws IOException {
        String stat = Files.readString(THREAD_STAT);
        // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(after[16]);
    }

    @Test
    void atMostTheThreadCountRunAtOnceAndTheRestQueue() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (HashingThreads threads = new HashingThreads(2, 0)) {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                calls.add(CompletableFuture.supplyAsync(() -> threads.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return n;
                }), callers));
            }
            // two hashes start, and the six others stay queued while those two hold their threads
            await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 2);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> running.get() == 2);
            release.countDown();
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void aFailureReachesTheCallerAsItWasThrown() {
        try (HashingThreads threads = new HashingThreads(1, 0)) {
            assertThatThrownBy(() -> threads.run(() -> {
                throw new IllegalArgumentException("bad hash string");
            })).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("bad hash string");
        }
    }

    @Test
    void anInterruptedCallerStillGetsItsResultAndKeepsTheInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (HashingThreads threads = new HashingThreads(1, 0)) {
            CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
            AtomicInteger result = new AtomicInteger();
            Thread caller = new Thread(() -> {
                result.set(threads.run(() -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 42;
                }));
                interruptedAfter.complete(Thread.currentThread().isInterrupted());
            });
            caller.start();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            caller.interrupt();
            release.countDown();
            assertThat(interruptedAfter.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(result.get()).isEqualTo(42);
        }
    }
}
