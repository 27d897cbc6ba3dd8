package io.loginguard.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayWorkerTest {
    private static final Duration LONG_POLL = Duration.ofMinutes(10);
    private RelayWorker worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void relaysFullBatchesOneAfterAnotherThenWaitsForTheNextWakeUp() {
        Deque<Integer> sizes = new ArrayDeque<>(java.util.List.of(3, 3, 1));
        AtomicInteger calls = new AtomicInteger();
        worker = new RelayWorker("relay-test", 3, LONG_POLL, Duration.ZERO, () -> {
            calls.incrementAndGet();
            Integer next = sizes.poll();
            return next == null ? 0 : next;
        });

        worker.start();

        // two full batches and the partial one, back to back; then it waits (the poll is 10 minutes)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calls).hasValue(3));
        worker.wakeUp();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calls).hasValue(4));
    }

    @Test
    void aWakeUpDuringABatchIsNotLostToTheBatchsOwnWaits() {
        AtomicInteger calls = new AtomicInteger();
        worker = new RelayWorker("relay-wake-test", 10, LONG_POLL, Duration.ZERO, () -> {
            if (calls.incrementAndGet() == 1) {
                worker.wakeUp(); // a row committed while this batch runs...
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // ...and a wait inside the batch parks
            }
            return 0;
        });

        worker.start();

        // the poll is 10 minutes: only the remembered wake-up can bring the second batch
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calls).hasValue(2));
    }

    @Test
    void aFailedBatchIsTriedAgainAndTheThreadGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        worker = new RelayWorker("relay-test", 10, Duration.ofMillis(5), Duration.ofMillis(5), () -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("the broker did not acknowledge the batch");
            }
            return 0;
        });

        worker.start();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calls.get()).isGreaterThan(3));
    }

    @Test
    void stopEndsTheThread() {
        AtomicInteger calls = new AtomicInteger();
        worker = new RelayWorker("relay-stop-test", 10, Duration.ofMillis(5), Duration.ZERO, calls::incrementAndGet);
        worker.start();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calls.get()).isPositive());

        worker.stop(Duration.ofSeconds(5));

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("relay-stop-test"));
    }
}
