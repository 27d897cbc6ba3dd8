package io.loginguard.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class HashingThreadsTest {

    @Test
    void hashesRunAtTheConfiguredNiceWhileTheCallerKeepsItsOwn() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        int callerBefore = ThreadNiceness.currentNice();
        try (HashingThreads threads = new HashingThreads(2, 10)) {
            int inside = niceInside(threads);
            assertThat(inside).isEqualTo(Math.max(callerBefore, 10));
            assertThat(ThreadNiceness.currentNice()).isEqualTo(callerBefore);
        }
    }

    @Test
    void niceZeroLeavesThePriorityAlone() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        int caller = ThreadNiceness.currentNice();
        try (HashingThreads threads = new HashingThreads(1, 0)) {
            int inside = niceInside(threads);
            assertThat(inside).isEqualTo(caller);
        }
    }

    private static int niceInside(HashingThreads threads) {
        return threads.run(() -> {
            try {
                return ThreadNiceness.currentNice();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void atMostTheThreadCountRunAtOnceAndTheRestQueue() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (HashingThreads threads = new HashingThreads(2, 0)) {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                calls.add(CompletableFuture.supplyAsync(() -> threads.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(40);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return n;
                })));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
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
