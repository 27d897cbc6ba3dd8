package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.testinfra.kafka.KafkaProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 200-parallel burst, repeated: each run on a fresh account, over two auth nodes. Prints one row per run
 * for BENCHMARKS.md; every run must check exactly 5 passwords.
 */
class BurstBench {

    @Test
    void burstRepeated() {
        Stack stack = Stack.get();
        List<AuthClient> nodes = stack.auth.stream().map(AuthClient::new).toList();
        int runs = Integer.getInteger("bench.bursts", 5);
        System.out.println("BENCH | run | passwords checked | admitted on topic | lock engaged | right password after | HTTP answers |");
        try (KafkaProbe kafka = new KafkaProbe(stack.kafka)) {
            for (int run = 1; run <= runs; run++) {
                long t0 = System.nanoTime();
                ParallelBurstIT.BurstResult r = ParallelBurstIT.burst(stack, nodes, kafka, ParallelBurstIT.BURST);
                System.out.println("BENCH " + ParallelBurstIT.BurstResult.row(run).apply(r)
                        + String.format(" %d ms |", (System.nanoTime() - t0) / 1_000_000));
                assertThat(r.passwordsChecked()).isEqualTo(5);
                assertThat(r.lockEngaged()).isTrue();
                assertThat(r.rightPasswordAfterwards()).isEqualTo(429);
                assertThat(r.retryAfterSeconds()).isBetween(1700L, 1800L);
            }
        }
    }
}
