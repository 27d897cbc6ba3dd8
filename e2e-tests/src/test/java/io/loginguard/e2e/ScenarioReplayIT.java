package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.replay.ReplayCli;
import io.loginguard.testinfra.kafka.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed scenario files (recorded from the real services by {@link ScenarioRecordingIT}) played into a fresh
 * stack: a broker of its own and a fresh risk-service, configured as the recording's (IP throttling on). Only risk's
 * inputs are played ({@code play --topics}), in the recording's rhythm ({@code --pace recorded}: a throttle takes one
 * round trip through risk to reach the account tasks, so played at once the attempts after it would not meet it);
 * risk's outputs are then recorded and {@code replay diff} compares them with the recorded ones: every verdict,
 * account state and decision of every account, address and unknown identifier, identical and in order. Each test
 * first asserts that the file holds the decisions its scenario is about, so an empty comparison cannot pass.
 */
class ScenarioReplayIT {
    @TempDir
    Path dir;

    @Test
    void aCredentialStuffingWaveIsDecidedAgainExactly() throws IOException {
        Path file = ScenarioFiles.committed("credential-stuffing");
        Map<RiskDecision.Type, Set<String>> decisions = ScenarioFiles.decisions(file);
        assertThat(decisions).containsKey(RiskDecision.Type.IP_THROTTLED);
        assertThat(decisions.get(RiskDecision.Type.IP_THROTTLED)).containsExactly("ip:198.51.100.66");
        Map<RiskVerdict.Verdict, Integer> verdicts = ScenarioFiles.verdicts(file);
        assertThat(verdicts.getOrDefault(RiskVerdict.Verdict.THROTTLED, 0)).as("the wave after the throttle").isEqualTo(3);
        // every other attempt: the owners at home and the wave's wrong passwords before the throttle (no lock)
        assertThat(verdicts.getOrDefault(RiskVerdict.Verdict.ALLOW, 0)).isEqualTo(14);
        assertThat(ScenarioFiles.count(file, Topics.LOGIN_ATTEMPTS)).isEqualTo(17);

        replayAndCompare(file, "stuffing");
    }

    @Test
    void aCrossBorderLoginAndItsReverificationAreDecidedAgainExactly() throws IOException {
        Path file = ScenarioFiles.committed("cross-border-reverification");
        assertThat(ScenarioFiles.decisions(file)).containsKey(RiskDecision.Type.NEW_LOCATION);
        Map<RiskVerdict.Verdict, Integer> verdicts = ScenarioFiles.verdicts(file);
        assertThat(verdicts).containsEntry(RiskVerdict.Verdict.STEP_UP, 1).containsEntry(RiskVerdict.Verdict.ALLOW, 2);
        assertThat(ScenarioFiles.count(file, Topics.TICKET_EVENTS)).as("the case opened, approved, resolved").isPositive();

        replayAndCompare(file, "border");
    }

    @Test
    void aLockoutAndTheAppealThatLiftsItAreDecidedAgainExactly() throws IOException {
        Path file = ScenarioFiles.committed("lockout-appeal");
        assertThat(ScenarioFiles.decisions(file)).containsKeys(RiskDecision.Type.LOCKED, RiskDecision.Type.UNLOCKED);
        Map<RiskVerdict.Verdict, Integer> verdicts = ScenarioFiles.verdicts(file);
        // the first login and four failures allowed, the fifth failure and the refusal while locked, the login after
        assertThat(verdicts).containsEntry(RiskVerdict.Verdict.LOCKED, 2).containsEntry(RiskVerdict.Verdict.ALLOW, 6);

        replayAndCompare(file, "appeal");
    }

    private void replayAndCompare(Path file, String name) throws IOException {
        long attempts = ScenarioFiles.count(file, Topics.LOGIN_ATTEMPTS);
        long outputs = ScenarioFiles.RISK_OUTPUTS.stream().mapToLong(t -> {
            try {
                return ScenarioFiles.count(file, t);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).sum();
        Path replayed = dir.resolve(name + "-replayed.jsonl");
        try (KafkaBroker broker = ScenarioFiles.keepingEverything(KafkaBroker.startEphemeral());
             ServiceProcess risk = ServiceProcess.start("risk-service", "scenario-replay-" + name,
                     ScenarioStack.riskConfig(broker.bootstrapServers()))) {
            assertThat(ReplayCli.run("play", "--in", file.toString(), "--bootstrap", broker.bootstrapServers(),
                    "--topics", String.join(",", ScenarioFiles.RISK_INPUTS), "--pace", "recorded"))
                    .as("replay play").isZero();
            ReplayRun.awaitVerdicts(broker, attempts, Duration.ofMinutes(2), risk);
            awaitOutputs(broker, outputs);
            assertThat(ReplayCli.run("record", "--bootstrap", broker.bootstrapServers(), "--topics",
                    String.join(",", ScenarioFiles.RISK_OUTPUTS), "--out", replayed.toString())).isZero();
        }
        System.out.printf("scenario %s: %d attempts, recorded %d risk outputs, replayed %d; decisions %s%n", name,
                attempts, outputs, Files.readAllLines(replayed).size(), ScenarioFiles.decisions(replayed));
        assertThat(ReplayCli.run("diff", file.toString(), replayed.toString())).as("replay diff").isZero();
    }

    /** Waits (a little) for as many outputs as recorded: a throttle's decision follows its attempt's verdict. */
    private static void awaitOutputs(KafkaBroker broker, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (var probe = new io.loginguard.testinfra.kafka.KafkaProbe(broker.bootstrapServers())) {
            while (System.nanoTime() < deadline) {
                long n = ScenarioFiles.RISK_OUTPUTS.stream().mapToLong(t -> probe.read(t, null).size()).sum();
                if (n >= expected) {
                    return;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        // fewer than recorded: diff names what is missing
    }
}
