package io.loginguard.risk.topology;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_CODE;
import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.events.LoginAttempted.Outcome.REJECTED_LOCKED;
import static io.loginguard.events.LoginAttempted.Outcome.SUCCEEDED;
import static io.loginguard.events.LoginAttempted.Outcome.UNKNOWN_ACCOUNT;
import static io.loginguard.risk.Attempts.at;
import static io.loginguard.risk.topology.RiskTopologyTest.ALICE;
import static io.loginguard.risk.topology.RiskTopologyTest.BOB;
import static io.loginguard.risk.topology.RiskTopologyTest.TRACEPARENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.EventJson;
import io.loginguard.events.PipelineHeartbeat;
import io.loginguard.events.Topics;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.config.RiskSettings;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying the same attempts into a fresh topology gives byte-identical outputs, and the same outputs as the
 * recorded golden file: a change to risk's outputs for an existing stream must be deliberate (regenerate the file
 * with {@code -Dloginguard.golden.update=true} and review the diff), since auth and replays compare them.
 */
class RiskTopologyReplayTest {
    @TempDir
    Path stateDir;

    @Test
    void theSameInputGivesByteIdenticalOutputs() {
        List<String> first = run(stateDir.resolve("first"));
        List<String> second = run(stateDir.resolve("second"));

        assertThat(first).isNotEmpty().isEqualTo(second);
        assertThat(first).anyMatch(r -> r.startsWith(Topics.RISK_DECISIONS))
                .anyMatch(r -> r.startsWith(Topics.RISK_DLQ));
    }

    @Test
    void theOutputsMatchTheRecordedGoldenFile() throws IOException {
        assertMatchesGolden(run(stateDir.resolve("golden")), "replay-scenario.txt");
    }

    @Test
    void theRulesScenarioGivesByteIdenticalOutputsAndMatchesItsGoldenFile() throws IOException {
        List<String> first = RiskRulesScenario.run(stateDir.resolve("rules-first"));
        assertThat(first).isEqualTo(RiskRulesScenario.run(stateDir.resolve("rules-second")));
        assertMatchesGolden(first, "replay-rules-scenario.txt");
    }

    private static void assertMatchesGolden(List<String> actual, String name) throws IOException {
        Path golden = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("loginguard.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.write(golden, actual);
        }
        assertThat(actual).isEqualTo(Files.readAllLines(golden));
    }

    /** A scenario touching every path: lock, attempts during it, rejection, DLQ, unlock, second factor. */
    private static List<String> run(Path dir) {
        RiskTopologyHarness risk = new RiskTopologyHarness(RiskSettings.defaults(), dir);
        try {
            Attempts alice = new Attempts(ALICE);
            Attempts bob = new Attempts(BOB);
            for (int i = 0; i < 5; i++) {
                risk.send(alice.password(at(i, 0), BAD_PASSWORD), TRACEPARENT);
                risk.send(bob.secondFactor(at(i, 30), BAD_CODE), null);
            }
            risk.send(alice.password(at(10, 0), SUCCEEDED), TRACEPARENT);
            risk.send(alice.rejected(at(11, 0), REJECTED_LOCKED), TRACEPARENT);
            risk.sendRaw(ALICE, "{not json".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Attempts.T0);
            risk.sendRaw(BOB, ("{\"sequence\":99,\"accountKey\":\"" + BOB + "\"}").getBytes(StandardCharsets.UTF_8),
                    new RecordHeaders(), Attempts.T0.plusSeconds(700));
            PipelineHeartbeat heartbeat = new PipelineHeartbeat(
                    UUID.fromString("5b3f1a52-3c1e-4d8e-9a7b-0c1d2e3f4a5b"), Attempts.T0.plusSeconds(701), "node-1", 0);
            risk.sendRaw(heartbeat.key(), EventJson.toBytes(heartbeat), new RecordHeaders(), heartbeat.occurredAt());
            Attempts unknown = new Attempts("unknown:feedface");
            risk.send(unknown.password(at(12, 0), UNKNOWN_ACCOUNT), null);
            risk.send(unknown.password(at(12, 0).plusHours(25), UNKNOWN_ACCOUNT), null);
            risk.send(alice.password(at(34, 0), SUCCEEDED), TRACEPARENT);
            risk.send(bob.secondFactor(at(40, 0), SUCCEEDED), null);
            return risk.drainAllOutputs();
        } finally {
            risk.driver().close();
        }
    }
}
