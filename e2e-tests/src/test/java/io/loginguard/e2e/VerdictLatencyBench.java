package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Verdict latency: from a login attempt's occurredAt (stamped by auth) to its verdict applied at auth, over
 * {@code bench.logins} sequential logins, read from the auth nodes' histogram. Also the client-side time of
 * a successful login. Run with {@code ./mvnw -B -pl e2e-tests verify -Pbench}; numbers go to BENCHMARKS.md.
 * With {@code -Dbench.rate=N} the logins go open loop, N a second, each at its scheduled time (asynchronously, so a
 * slow answer never delays the next login) and the client-side time counts from that scheduled time.
 * Before an open-loop run it measures {@code bench.idle-seconds} (20) with nobody logging in; both phases print each
 * process's CPU, its threads' split and the broker's requests by kind. {@code -Dbench.accounts} (8) spreads the logins
 * over more accounts, {@code -Dbench.warmup} (100) sets the sequential warm-up.
 */
class VerdictLatencyBench {
    static final String METRIC = "loginguard_verdict_latency_seconds";
    static final String ACKNOWLEDGED = "loginguard_attempt_acknowledged_seconds";
    static final String RECEIVED = "loginguard_verdict_received_seconds";
    static final String WAITED = "loginguard_login_verdict_wait_seconds";

    @Test
    void verdictLatencyOnLoopback() {
        Stack stack = Stack.get();
        List<AuthClient> nodes = stack.auth.stream().map(AuthClient::new).toList();
        int logins = Integer.getInteger("bench.logins", 1000);
        int rate = Integer.getInteger("bench.rate", 0); // logins a second, open loop; 0: sequential
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < Integer.getInteger("bench.accounts", 8); i++) {
            String email = Scenario.freshEmail("latency");
            Scenario.registerAccount(nodes.get(0), email);
            emails.add(email);
        }
        for (int i = 0; i < Integer.getInteger("bench.warmup", 100); i++) { // warm-up: JIT, connections, consumer fetch sessions
            nodes.get(i % 2).login(emails.get(i % emails.size()), Scenario.PASSWORD);
        }
        awaitAllConfirmed(nodes);
        LatencyBuckets before = snapshot(nodes);
        LatencyBuckets ackedBefore = snapshot(nodes, ACKNOWLEDGED);
        LatencyBuckets receivedBefore = snapshot(nodes, RECEIVED);
        LatencyBuckets waitedBefore = snapshot(nodes, WAITED);
        Histogram loginMicros = rate > 0 ? openLoop(stack, nodes, emails, logins, rate) : sequential(nodes, emails, logins);
        await().atMost(Duration.ofSeconds(60)).until(() -> snapshot(nodes).minus(before).count() >= logins);
        LatencyBuckets run = snapshot(nodes).minus(before);
        LatencyBuckets acked = snapshot(nodes, ACKNOWLEDGED).minus(ackedBefore);
        LatencyBuckets received = snapshot(nodes, RECEIVED).minus(receivedBefore);
        LatencyBuckets waited = snapshot(nodes, WAITED).minus(waitedBefore);

        System.out.printf("%nBENCH verdict latency over %d logins, %s (2 auth nodes, 1 risk, 1 broker, loopback)%n",
                (long) run.count(), rate > 0 ? "open loop at " + rate + " a second" : "sequential");
        System.out.printf("BENCH | attempt -> verdict applied at auth | p50 %.1f ms | p90 %.1f ms | p99 %.1f ms |%n",
                run.quantileMillis(0.50), run.quantileMillis(0.90), run.quantileMillis(0.99));
        // the parts, each from the same occurredAt: the broker's acknowledgement of the attempt, then the verdict
        // handed to auth's consumer (risk and both broker hops in between), then applied (the gate's Redis script)
        System.out.printf("BENCH | of which: attempt -> acknowledged (auth's publish) | p50 %.1f ms | p90 %.1f ms | p99 %.1f ms |%n",
                acked.quantileMillis(0.50), acked.quantileMillis(0.90), acked.quantileMillis(0.99));
        System.out.printf("BENCH | of which: attempt -> verdict handed to auth's consumer | p50 %.1f ms | p90 %.1f ms | p99 %.1f ms |%n",
                received.quantileMillis(0.50), received.quantileMillis(0.90), received.quantileMillis(0.99));
        // what the login itself waits: from its publish's acknowledgement to the verdict reaching it (every node reads
        // every verdict partition with its own plain consumer thread, VerdictWaiters); not the same span as above
        System.out.printf("BENCH | login's own wait: acknowledged -> verdict at the waiting login | p50 %.1f ms | p90 %.1f ms | p99 %.1f ms |%n",
                waited.quantileMillis(0.50), waited.quantileMillis(0.90), waited.quantileMillis(0.99));
        System.out.printf("BENCH | successful login, client side (Argon2id + Kafka ack + session) | p50 %.1f ms | p90 %.1f ms | p99 %.1f ms |%n",
                loginMicros.getValueAtPercentile(50) / 1000.0, loginMicros.getValueAtPercentile(90) / 1000.0,
                loginMicros.getValueAtPercentile(99) / 1000.0);
        assertThat(run.count()).isGreaterThanOrEqualTo(logins);
    }

    private static Histogram sequential(List<AuthClient> nodes, List<String> emails, int logins) {
        Histogram loginMicros = new Histogram(60_000_000L, 3);
        for (int i = 0; i < logins; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = nodes.get(i % 2).login(emails.get(i % emails.size()), Scenario.PASSWORD);
            loginMicros.recordValue((System.nanoTime() - t0) / 1000);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        return loginMicros;
    }

    /**
     * Each login sent at its scheduled time, late or not, and timed from it (no coordinated omission). Prints the
     * answers by status and each process's CPU per login over the run; fails after printing if any login failed.
     */
    private static Histogram openLoop(Stack stack, List<AuthClient> nodes, List<String> emails, int logins, int rate) {
        Histogram loginMicros = new Histogram(60_000_000L, 3);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> answers = new ArrayList<>(logins);
        List<Long> pids = new ArrayList<>(stack.auth.stream().map(ServiceProcess::pid).toList());
        pids.add(stack.risk.pid());
        pids.add(ProcessHandle.current().pid());
        String[] names = {"auth node 1", "auth node 2", "risk", "bench JVM (broker + client)"};
        idle(pids, names, Integer.getInteger("bench.idle-seconds", 20));
        Map<String, Long> requestsBefore = BrokerRequests.count();
        JvmThreadCpu benchThreadsBefore = JvmThreadCpu.sample();
        double[] cpuBefore = cpuSeconds(pids);
        List<ThreadCpu> threadsBefore = pids.stream().map(ThreadCpu::sample).toList();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < logins; i++) {
            long due = start + i * interval;
            LockSupport.parkNanos(due - System.nanoTime());
            answers.add(nodes.get(i % 2).loginAsync(emails.get(i % emails.size()), Scenario.PASSWORD).thenAccept(r -> {
                long micros = (System.nanoTime() - due) / 1000;
                synchronized (loginMicros) {
                    loginMicros.recordValue(micros);
                }
                statuses.merge(r.statusCode(), 1, Integer::sum);
            }));
        }
        double sending = (System.nanoTime() - start) / 1e9;
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).orTimeout(120, TimeUnit.SECONDS).join();
        double[] cpuAfter = cpuSeconds(pids);
        List<ThreadCpu> threadsAfter = pids.stream().map(ThreadCpu::sample).toList();
        System.out.printf("%nBENCH sent %d logins in %.1f s (%.1f a second), answers by status %s%n", logins, sending,
                logins / sending, statuses);
        System.out.printf("BENCH | CPU per login: auth node 1 %.1f ms | auth node 2 %.1f ms | risk %.1f ms "
                + "| bench JVM (broker + client) %.1f ms |%n", perLogin(cpuAfter[0] - cpuBefore[0], logins),
                perLogin(cpuAfter[1] - cpuBefore[1], logins), perLogin(cpuAfter[2] - cpuBefore[2], logins),
                perLogin(cpuAfter[3] - cpuBefore[3], logins));
        System.out.printf("BENCH bench JVM's threads by whole name, per login: %s%n",
                JvmThreadCpu.sample().describeSince(benchThreadsBefore, 12, logins));
        System.out.printf("BENCH broker requests per login, by kind: %s%n",
                BrokerRequests.describePer(BrokerRequests.since(requestsBefore), logins));
        for (int i = 0; i < names.length; i++) {
            System.out.printf("BENCH %s's threads, per login of the run: %s%n", names[i],
                    threadsAfter.get(i).describeSince(threadsBefore.get(i), 10, logins));
        }
        assertThat(statuses).as("every login answered 201").containsOnlyKeys(201);
        return loginMicros;
    }

    /** What each process spends a second with nobody logging in (the stack's polling, heartbeats, timers). */
    private static void idle(List<Long> pids, String[] names, int seconds) {
        double[] before = cpuSeconds(pids);
        List<ThreadCpu> threadsBefore = pids.stream().map(ThreadCpu::sample).toList();
        Map<String, Long> requestsBefore = BrokerRequests.count();
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(seconds));
        System.out.printf("BENCH idle, broker requests a second, by kind: %s%n",
                BrokerRequests.describePer(BrokerRequests.since(requestsBefore), seconds));
        double[] after = cpuSeconds(pids);
        List<ThreadCpu> threadsAfter = pids.stream().map(ThreadCpu::sample).toList();
        for (int i = 0; i < names.length; i++) {
            System.out.printf("BENCH idle, %s: %.0f ms of CPU a second; by thread, a second: %s%n", names[i],
                    (after[i] - before[i]) * 1000 / seconds,
                    threadsAfter.get(i).describeSince(threadsBefore.get(i), 6, seconds));
        }
    }

    private static double perLogin(double seconds, int logins) {
        return seconds * 1000 / logins;
    }

    private static double[] cpuSeconds(List<Long> pids) {
        try {
            double[] seconds = new double[pids.size()];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = ThreadCpu.processSeconds(pids.get(i));
            }
            return seconds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitAllConfirmed(List<AuthClient> nodes) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            double first = snapshot(nodes).count();
            return first >= 100;
        });
    }

    private static LatencyBuckets snapshot(List<AuthClient> nodes) {
        return snapshot(nodes, METRIC);
    }

    private static LatencyBuckets snapshot(List<AuthClient> nodes, String metric) {
        LatencyBuckets sum = LatencyBuckets.parse("", metric);
        for (AuthClient n : nodes) {
            sum = sum.plus(LatencyBuckets.parse(n.metrics(), metric));
        }
        return sum;
    }
}
