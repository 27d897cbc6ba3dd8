package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.replay.JsonLines;
import io.loginguard.replay.ReplayCli;
import io.loginguard.replay.ReplayRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated workload played into two fresh stacks (a broker and the packaged risk-service each) gives the same
 * risk outputs, per {@code replay diff}: every verdict, account state and decision of every account, in order.
 */
class ReplayDeterminismIT {
    static final int ACCOUNTS = 400;
    static final int ATTEMPTS = Integer.getInteger("loginguard.replay.it.attempts", 6000);

    @TempDir
    Path dir;

    @Test
    void aGeneratedWorkloadPlayedIntoTwoFreshRiskServicesGivesIdenticalRiskOutputs() throws IOException {
        Path workload = dir.resolve("workload.jsonl");
        String start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(ReplayCli.run("generate", "--accounts", Integer.toString(ACCOUNTS), "--attempts",
                Integer.toString(ATTEMPTS), "--seed", "2026", "--start", start, "--out", workload.toString())).isZero();

        ReplayRun.Result first = ReplayRun.into(workload, ATTEMPTS, "replay-risk-1", dir.resolve("first.jsonl"),
                Duration.ofMinutes(3));
        ReplayRun.Result second = ReplayRun.into(workload, ATTEMPTS, "replay-risk-2", dir.resolve("second.jsonl"),
                Duration.ofMinutes(3));

        assertThat(ReplayCli.run("diff", first.recording().toString(), second.recording().toString())).isZero();

        // what was compared is risk at work on every attempt, not two empty files
        List<ReplayRecord> records = JsonLines.readAll(first.recording());
        Map<String, Integer> verdictsPerAttempt = new HashMap<>();
        Set<String> attemptIds = new HashSet<>();
        Map<RiskVerdict.Verdict, Integer> verdicts = new HashMap<>();
        Map<RiskDecision.Type, Integer> decisions = new HashMap<>();
        for (ReplayRecord r : records) {
            switch (r.topic()) {
                case Topics.LOGIN_ATTEMPTS -> attemptIds.add(EventJson.fromBytes(r.value(), LoginAttempted.class).attemptId().toString());
                case Topics.RISK_VERDICTS -> {
                    RiskVerdict v = EventJson.fromBytes(r.value(), RiskVerdict.class);
                    verdictsPerAttempt.merge(v.attemptId().toString(), 1, Integer::sum);
                    verdicts.merge(v.verdict(), 1, Integer::sum);
                }
                case Topics.RISK_DECISIONS -> decisions.merge(EventJson.fromBytes(r.value(), RiskDecision.class).type(), 1,
                        Integer::sum);
                default -> { }
            }
        }
        assertThat(attemptIds).hasSize(ATTEMPTS);
        assertThat(verdictsPerAttempt.keySet()).isEqualTo(attemptIds);
        assertThat(verdictsPerAttempt.values()).containsOnly(1);
        assertThat(verdicts).containsKeys(RiskVerdict.Verdict.ALLOW, RiskVerdict.Verdict.LOCKED, RiskVerdict.Verdict.STEP_UP);
        assertThat(decisions).containsKeys(RiskDecision.Type.LOCKED, RiskDecision.Type.NEW_DEVICE,
                RiskDecision.Type.NEW_LOCATION);
        System.out.printf("replay determinism: %d attempts, verdicts %s, decisions %s; play %.1f s, risk's last verdict "
                + "%.1f s after its launch%n", ATTEMPTS, verdicts, decisions, first.playSeconds(), first.processSeconds());

        // and diff sees a single missing decision
        Path fewer = dir.resolve("fewer.jsonl");
        List<String> lines = Files.readAllLines(second.recording());
        int decision = 0;
        while (!lines.get(decision).startsWith("{\"topic\":\"" + Topics.RISK_DECISIONS + "\"")) {
            decision++;
        }
        lines.remove(decision);
        Files.write(fewer, lines);
        assertThat(ReplayCli.run("diff", first.recording().toString(), fewer.toString())).isEqualTo(1);
    }
}
