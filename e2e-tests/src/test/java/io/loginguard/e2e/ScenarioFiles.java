package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.EventJson;
import io.loginguard.events.PipelineHeartbeat;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.TopicSpec;
import io.loginguard.events.Topics;
import io.loginguard.replay.JsonLines;
import io.loginguard.replay.ReplayCli;
import io.loginguard.replay.ReplayRecord;
import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.kafka.KafkaProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scenario files under {@code e2e-tests/src/test/resources/scenarios/}: recordings (the replay tool's JSON Lines) of
 * a {@link ScenarioStack} that ran one of {@link RecordedScenarios}. A file holds risk's inputs, risk's outputs and
 * what the run asked of notification-service and ticket-service ({@link #RECORDED}), without auth's pipeline
 * heartbeats and risk's echoes (liveness probes on auth's clock, no decisions), and in timestamp order: each
 * partition's records in offset order, the partitions merged by record timestamp. Played with
 * {@code --pace recorded}, a file so ordered meets risk in the rhythm and order the live run did.
 */
final class ScenarioFiles {
    /** What risk reads (replay/README.md): played into a fresh stack to decide again. */
    static final List<String> RISK_INPUTS = List.of(Topics.ACCOUNTS, Topics.SECURITY_EVENTS, Topics.TICKET_EVENTS,
            Topics.LOGIN_ATTEMPTS);
    static final List<String> RISK_OUTPUTS = List.of(Topics.RISK_VERDICTS, Topics.RISK_ACCOUNT_STATE, Topics.RISK_DECISIONS);
    /** Everything a scenario's file holds, in the order used to break timestamp ties. */
    static final List<String> RECORDED = List.of(Topics.ACCOUNTS, Topics.SECURITY_EVENTS, Topics.TICKET_EVENTS,
            Topics.LOGIN_ATTEMPTS, Topics.RISK_VERDICTS, Topics.RISK_ACCOUNT_STATE, Topics.RISK_DECISIONS,
            Topics.NOTIFICATION_REQUESTS, Topics.NOTIFICATION_DELIVERIES);

    private ScenarioFiles() {
    }

    static Path committed(String scenario) {
        return ServiceProcess.projectRoot().resolve("e2e-tests/src/test/resources/scenarios").resolve(scenario + ".jsonl");
    }

    /**
     * Waits until risk has answered every attempt and nothing new arrives on the recorded topics for three seconds
     * (outbox relays, alerts, deliveries), then records {@link #RECORDED} into {@code out}, heartbeats left out, in
     * timestamp order.
     */
    static void recordSettled(String bootstrap, Path out) throws IOException {
        int[] last = {-1};
        int[] quiet = {0};
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, Integer> counts = counts(bootstrap);
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            boolean answered = counts.get(Topics.RISK_VERDICTS).equals(counts.get(Topics.LOGIN_ATTEMPTS));
            quiet[0] = answered && total == last[0] ? quiet[0] + 1 : 0;
            last[0] = total;
            return quiet[0] >= 3;
        });
        Path raw = Files.createTempFile("scenario-raw", ".jsonl");
        try {
            assertThat(ReplayCli.run("record", "--bootstrap", bootstrap, "--topics", String.join(",", RECORDED),
                    "--out", raw.toString())).as("replay record").isZero();
            List<ReplayRecord> records = new ArrayList<>(JsonLines.readAll(raw));
            records.removeIf(ScenarioFiles::heartbeat);
            try (JsonLines.Writer writer = JsonLines.Writer.to(out)) {
                for (ReplayRecord r : inTimestampOrder(records)) {
                    writer.write(r);
                }
            }
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** Records per recorded topic on the broker now, heartbeats and echoes not counted. */
    private static Map<String, Integer> counts(String bootstrap) {
        Map<String, Integer> counts = new TreeMap<>();
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            for (String topic : RECORDED) {
                counts.put(topic, (int) kafka.read(topic, null).stream()
                        .filter(r -> r.key() == null || !r.key().startsWith(PipelineHeartbeat.KEY_PREFIX)).count());
            }
        }
        return counts;
    }

    static boolean heartbeat(ReplayRecord r) {
        return r.key() != null && r.keyString().startsWith(PipelineHeartbeat.KEY_PREFIX);
    }

    /**
     * Each partition's records in the order given (offset order), partitions merged by timestamp; ties go to the
     * topic earlier in {@link #RECORDED} (inputs before outputs), then the lower partition.
     */
    static List<ReplayRecord> inTimestampOrder(List<ReplayRecord> records) {
        Map<String, Deque<ReplayRecord>> partitions = new LinkedHashMap<>();
        for (ReplayRecord r : records) {
            partitions.computeIfAbsent(r.topic() + "/" + r.partition(), k -> new ArrayDeque<>()).add(r);
        }
        Comparator<Deque<ReplayRecord>> next = Comparator.comparingLong((Deque<ReplayRecord> d) -> d.peek().timestamp())
                .thenComparingInt(d -> RECORDED.indexOf(d.peek().topic()))
                .thenComparingInt(d -> d.peek().partition());
        PriorityQueue<Deque<ReplayRecord>> heads = new PriorityQueue<>(next);
        heads.addAll(partitions.values());
        List<ReplayRecord> out = new ArrayList<>(records.size());
        while (!heads.isEmpty()) {
            Deque<ReplayRecord> d = heads.poll();
            out.add(d.poll());
            if (!d.isEmpty()) {
                heads.add(d);
            }
        }
        return out;
    }

    /**
     * A fresh broker's topics for replaying a scenario file: the catalogue's partitions and cleanup, but nothing
     * deleted for age. A committed file keeps the times it was recorded at, and a broker deletes records older than a
     * topic's retention (30 days for auth.login-attempts) right after they are written.
     */
    static KafkaBroker keepingEverything(KafkaBroker broker) {
        broker.createTopics(Topics.ALL.stream()
                .map(t -> new TopicSpec(t.name(), t.partitions(), t.compacted(), -1, t.description())).toList());
        return broker;
    }

    static long count(Path file, String topic) throws IOException {
        return JsonLines.readAll(file).stream().filter(r -> r.topic().equals(topic)).count();
    }

    /** The decisions in the file, by type, per subject key. */
    static Map<RiskDecision.Type, Set<String>> decisions(Path file) throws IOException {
        Map<RiskDecision.Type, Set<String>> out = new TreeMap<>();
        for (ReplayRecord r : JsonLines.readAll(file)) {
            if (r.topic().equals(Topics.RISK_DECISIONS)) {
                RiskDecision d = EventJson.fromBytes(r.value(), RiskDecision.class);
                out.computeIfAbsent(d.type(), t -> new java.util.TreeSet<>()).add(d.subjectKey());
            }
        }
        return out;
    }

    /** The verdicts in the file, counted by verdict. */
    static Map<RiskVerdict.Verdict, Integer> verdicts(Path file) throws IOException {
        Map<RiskVerdict.Verdict, Integer> out = new TreeMap<>();
        for (ReplayRecord r : JsonLines.readAll(file)) {
            if (r.topic().equals(Topics.RISK_VERDICTS)) {
                out.merge(EventJson.fromBytes(r.value(), RiskVerdict.class).verdict(), 1, Integer::sum);
            }
        }
        return out;
    }
}
