package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void numberedThreadsOfOneKindShareAName() {
        assertThat(ThreadCpu.kind("executor-thread-12")).isEqualTo("executor-thread");
        assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
        assertThat(ThreadCpu.kind("C1 CompilerThread1")).isEqualTo("C1 CompilerThread");
        assertThat(ThreadCpu.kind("rocksdb:low")).isEqualTo("rocksdb:low");
    }

    @Test
    void aBusyThreadsCpuIsFoundUnderItsName() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
        long pid = ProcessHandle.current().pid();
        ThreadCpu before = ThreadCpu.sample(pid);
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch sampled = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            // burns 150 ms of its own CPU, however long that takes on a loaded machine, then stays alive until
            // sampled: a thread that has ended is not in /proc any more
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            long x = 0;
            while (bean.getCurrentThreadCpuTime() < 150_000_000L) {
                x += Long.numberOfTrailingZeros(x + System.nanoTime());
            }
            burnt.countDown();
            try {
                sampled.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpu-burner-7");
        busy.start();
        assertThat(burnt.await(60, TimeUnit.SECONDS)).isTrue();
        ThreadCpu during = ThreadCpu.sample(pid);
        sampled.countDown();
        busy.join();

        Map<String, Double> spent = during.since(before);
        // clock ticks are 10 ms
        assertThat(spent).containsKey("cpu-burner");
        assertThat(spent.get("cpu-burner")).isGreaterThanOrEqualTo(0.1);
        assertThat(during.describeSince(before, 3, 1000)).contains("cpu-burner");
    }
}
