package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.Topics;
import io.loginguard.replay.ReplayCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * A generated workload (default 1,000,000 attempts over 100,000 accounts) played into a fresh broker and then a
 * fresh risk-service started on it, twice: the time from risk's launch (and from its readiness) to its last verdict,
 * attempts per second, and whether the two runs' outputs are identical per {@code replay diff}. The reference, measured in the same run: the same file played into
 * a fresh broker with nobody consuming, i.e. how fast the broker alone takes the records.
 *
 * <p>Run: {@code ./mvnw -B -pl e2e-tests -am verify -Pbench -Dit.test=ReplayThroughputBench -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false} (the services packaged); {@code -Dbench.attempts},
 * {@code -Dbench.accounts}, {@code -Dbench.seed}, {@code -Dbench.risk.<key>=<value>} (any configuration of risk, e.g.
 * {@code -Dbench.risk.kafka-streams.commit.interval.ms=1000}), {@code -Dbench.dir} (where the files go; default a temporary
 * directory, deleted afterwards).
 */
class ReplayThroughputBench {
    static final int ATTEMPTS = Integer.getInteger("bench.attempts", 1_000_000);
    static final int ACCOUNTS = Integer.getInteger("bench.accounts", 100_000);
    static final long SEED = Long.getLong("bench.seed", 7L);
    static final String OUTPUTS = String.join(",", Topics.RISK_VERDICTS, Topics.RISK_ACCOUNT_STATE, Topics.RISK_DECISIONS);

    @Test
    void generatedAttemptsPlayedIntoAFreshRiskServiceTwice() throws IOException {
        String dirProperty = System.getProperty("bench.dir");
        Path dir = dirProperty != null ? Files.createDirectories(Path.of(dirProperty))
                : Files.createTempDirectory("replay-bench");
        try {
            Path workload = dir.resolve("workload.jsonl");
            // inside the topics' retention, never ahead of the broker's clock (100 ms apart on average: ~28 h)
            Instant start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            long generateStarted = System.nanoTime();
            assertThat(ReplayCli.run("generate", "--accounts", Integer.toString(ACCOUNTS), "--attempts",
                    Integer.toString(ATTEMPTS), "--seed", Long.toString(SEED), "--start", start.toString(),
                    "--out", workload.toString())).isZero();
            double generateSeconds = (System.nanoTime() - generateStarted) / 1e9;

            double brokerAlone = ReplayRun.playAlone(workload);
            ReplayRun.Result first = ReplayRun.into(workload, ATTEMPTS, "bench-replay-risk-1", dir.resolve("run1.jsonl"),
                    Duration.ofMinutes(20), OUTPUTS);
            ReplayRun.Result second = ReplayRun.into(workload, ATTEMPTS, "bench-replay-risk-2", dir.resolve("run2.jsonl"),
                    Duration.ofMinutes(20), OUTPUTS);
            long diffStarted = System.nanoTime();
            int diff = ReplayCli.run("diff", first.recording().toString(), second.recording().toString());
            double diffSeconds = (System.nanoTime() - diffStarted) / 1e9;

            long records = ATTEMPTS + ACCOUNTS;
            System.out.printf("%nreplay bench: %,d attempts + %,d account snapshots, seed %d, file %,d bytes, generated in %.1f s%n",
                    ATTEMPTS, ACCOUNTS, SEED, Files.size(workload), generateSeconds);
            System.out.printf("reference, the broker alone: played in %.1f s = %,.0f records/s%n", brokerAlone,
                    records / brokerAlone);
            for (ReplayRun.Result r : new ReplayRun.Result[] {first, second}) {
                double afterReady = r.processSeconds() - r.bootSeconds();
                System.out.printf("fresh risk-service: play %.1f s; risk launched, ready after %.1f s, last verdict after "
                                + "%.1f s: %,.0f attempts/s from launch, %,.0f attempts/s from ready (%.2f of the "
                                + "broker-alone rate); %,d verdicts; %s; %s%n", r.playSeconds(), r.bootSeconds(),
                        r.processSeconds(), ATTEMPTS / r.processSeconds(), ATTEMPTS / afterReady,
                        (ATTEMPTS / afterReady) / (records / brokerAlone), r.verdicts(), r.memory(),
                        r.cpu().perAttempt(ATTEMPTS));
                System.out.printf("  risk's threads from ready (an attempt's share): %s%n", r.threads());
            }
            System.out.printf("diff of the two runs' outputs: exit %d (%s) in %.1f s%n", diff,
                    diff == 0 ? "identical" : "DIFFERENT", diffSeconds);
            assertThat(diff).as("the two runs' risk outputs").isZero();
        } finally {
            if (dirProperty == null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
