package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the committed scenario files again: each scenario of {@link RecordedScenarios} driven through the HTTP APIs
 * of a fresh {@link ScenarioStack}, then its topics written to {@code e2e-tests/src/test/resources/scenarios/}
 * ({@link ScenarioFiles}). Not part of the normal build (a recording is a new file to review and commit); run with
 * <pre>
 * ./mvnw -B -pl e2e-tests verify -Dit.test=ScenarioRecordingIT -Dloginguard.scenarios.record=true
 * </pre>
 * and then {@code ScenarioReplayIT} against the new files.
 */
@EnabledIfSystemProperty(named = "loginguard.scenarios.record", matches = "true")
class ScenarioRecordingIT {

    @Test
    void credentialStuffing() throws Exception {
        try (ScenarioStack stack = new ScenarioStack("rec-stuffing")) {
            record(stack, RecordedScenarios.credentialStuffing(stack));
        }
    }

    @Test
    void crossBorderThenReverification() throws Exception {
        try (ScenarioStack stack = new ScenarioStack("rec-border")) {
            record(stack, RecordedScenarios.crossBorder(stack));
        }
    }

    @Test
    void lockoutThenAppeal() throws Exception {
        try (ScenarioStack stack = new ScenarioStack("rec-appeal")) {
            record(stack, RecordedScenarios.lockoutAppeal(stack));
        }
    }

    private static void record(ScenarioStack stack, RecordedScenarios.Played played) throws Exception {
        Path file = ScenarioFiles.committed(played.name());
        Files.createDirectories(file.getParent());
        ScenarioFiles.recordSettled(stack.kafka(), file);
        assertThat(ScenarioFiles.count(file, io.loginguard.events.Topics.LOGIN_ATTEMPTS)).isPositive();
        System.out.printf("recorded %s: %d records, verdicts %s, decisions %s%n", file, Files.readAllLines(file).size(),
                ScenarioFiles.verdicts(file), ScenarioFiles.decisions(file).keySet());
    }
}
