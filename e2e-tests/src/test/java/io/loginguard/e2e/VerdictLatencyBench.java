package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Verdict latency: from a login attempt's occurredAt (stamped by auth) to its verdict applied at auth, over
 * {@code bench.logins} sequential logins, read from the auth nodes' histogram. Also the client-side time of
 * a successful login. Run with {@code ./mvnw -B -pl e2e-tests verify -Pbench}; numbers go to BENCHMARKS.md.
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
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String email = Scenario.freshEmail("latency");
            Scenario.registerAccount(nodes.get(0), email);
            emails.add(email);
        }
        for (int i = 0; i < 100; i++) { // warm-up: JIT, connections, consumer fetch sessions
            nodes.get(i % 2).login(emails.get(i % emails.size()), Scenario.PASSWORD);
        }
        awaitAllConfirmed(nodes);
        LatencyBuckets before = snapshot(nodes);
        LatencyBuckets ackedBefore = snapshot(nodes, ACKNOWLEDGED);
        LatencyBuckets receivedBefore = snapshot(nodes, RECEIVED);
        LatencyBuckets waitedBefore = snapshot(nodes, WAITED);
        Histogram loginMicros = new Histogram(60_000_000L, 3);
        for (int i = 0; i < logins; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = nodes.get(i % 2).login(emails.get(i % emails.size()), Scenario.PASSWORD);
            loginMicros.recordValue((System.nanoTime() - t0) / 1000);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> snapshot(nodes).minus(before).count() >= logins);
        LatencyBuckets run = snapshot(nodes).minus(before);
        LatencyBuckets acked = snapshot(nodes, ACKNOWLEDGED).minus(ackedBefore);
        LatencyBuckets received = snapshot(nodes, RECEIVED).minus(receivedBefore);
        LatencyBuckets waited = snapshot(nodes, WAITED).minus(waitedBefore);

        System.out.printf("%nBENCH verdict latency over %d logins (2 auth nodes, 1 risk, 1 broker, loopback)%n", (long) run.count());
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
