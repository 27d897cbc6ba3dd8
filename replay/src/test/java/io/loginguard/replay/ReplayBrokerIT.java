package io.loginguard.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool against real brokers (in this JVM), through its command line. */
class ReplayBrokerIT {
    static KafkaBroker first;
    static KafkaBroker second;
    static final String TOPICS = Topics.ACCOUNTS + "," + Topics.LOGIN_ATTEMPTS;
    // inside the topics' retention and not ahead of the broker's clock
    static final String START = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

    @TempDir
    Path dir;

    @BeforeAll
    static void brokers() {
        first = KafkaBroker.startEphemeral().createCatalogueTopics();
        second = KafkaBroker.startEphemeral().createCatalogueTopics();
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
    }

    @Test
    void recordPlayUnderAPrefixIntoAFreshBrokerAndRecordAgainGivesTheSameRecordsAndASecondPlayWritesNothing()
            throws IOException {
        Path generated = dir.resolve("generated.jsonl");
        assertThat(ReplayCli.run("generate", "--accounts", "200", "--attempts", "3000", "--seed", "3", "--start", START,
                "--out", generated.toString())).isZero();
        assertThat(ReplayCli.run("play", "--in", generated.toString(), "--bootstrap", first.bootstrapServers())).isZero();

        Path recorded = dir.resolve("recorded.jsonl");
        assertThat(ReplayCli.run("record", "--bootstrap", first.bootstrapServers(), "--topics", TOPICS,
                "--out", recorded.toString())).isZero();
        // what was played is what is recorded: same partitions, offsets, keys, values, headers, timestamps
        assertThat(byPartition(recorded, "")).isEqualTo(byPartition(generated, ""));

        assertThat(ReplayCli.run("play", "--in", recorded.toString(), "--bootstrap", second.bootstrapServers(),
                "--topic-prefix", "copy.")).isZero();
        Path again = dir.resolve("again.jsonl");
        assertThat(ReplayCli.run("record", "--bootstrap", second.bootstrapServers(),
                "--topics", "copy." + Topics.ACCOUNTS + ",copy." + Topics.LOGIN_ATTEMPTS, "--out", again.toString())).isZero();
        assertThat(JsonLines.readAll(again)).allMatch(r -> r.topic().startsWith("copy."));
        assertThat(byPartition(again, "copy.")).isEqualTo(byPartition(recorded, ""));

        // idempotent: playing the same recording again into the same topics writes nothing
        assertThat(ReplayCli.run("play", "--in", recorded.toString(), "--bootstrap", second.bootstrapServers(),
                "--topic-prefix", "copy.")).isZero();
        Path third = dir.resolve("third.jsonl");
        assertThat(ReplayCli.run("record", "--bootstrap", second.bootstrapServers(),
                "--topics", "copy." + Topics.ACCOUNTS + ",copy." + Topics.LOGIN_ATTEMPTS, "--out", third.toString())).isZero();
        assertThat(JsonLines.readAll(third)).hasSameSizeAs(JsonLines.readAll(again));
        assertThat(byPartition(third, "copy.")).isEqualTo(byPartition(recorded, ""));
    }

    @Test
    void anInterruptedPlayResumesAndAnotherRecordingIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path full = dir.resolve("full.jsonl");
        assertThat(ReplayCli.run("generate", "--accounts", "50", "--attempts", "500", "--seed", "9", "--start", START,
                "--out", full.toString())).isZero();
        List<String> lines = Files.readAllLines(full);
        Path firstHalf = dir.resolve("half.jsonl");
        Files.write(firstHalf, lines.subList(0, lines.size() / 2));
        String prefix = "resume.";
        assertThat(ReplayCli.run("play", "--in", firstHalf.toString(), "--bootstrap", first.bootstrapServers(),
                "--topic-prefix", prefix)).isZero();
        assertThat(ReplayCli.run("play", "--in", full.toString(), "--bootstrap", first.bootstrapServers(),
                "--topic-prefix", prefix)).isZero();
        Path recorded = dir.resolve("resumed.jsonl");
        assertThat(ReplayCli.run("record", "--bootstrap", first.bootstrapServers(),
                "--topics", prefix + Topics.ACCOUNTS + "," + prefix + Topics.LOGIN_ATTEMPTS, "--out", recorded.toString())).isZero();
        assertThat(byPartition(recorded, prefix)).isEqualTo(byPartition(full, ""));

        Path other = dir.resolve("other.jsonl");
        assertThat(ReplayCli.run("generate", "--accounts", "50", "--attempts", "600", "--seed", "10", "--start", START,
                "--out", other.toString())).isZero();
        assertThat(ReplayCli.run("play", "--in", other.toString(), "--bootstrap", first.bootstrapServers(),
                "--topic-prefix", prefix)).isEqualTo(ReplayCli.REFUSED);
        Path after = dir.resolve("after.jsonl");
        assertThat(ReplayCli.run("record", "--bootstrap", first.bootstrapServers(),
                "--topics", prefix + Topics.ACCOUNTS + "," + prefix + Topics.LOGIN_ATTEMPTS, "--out", after.toString())).isZero();
        assertThat(byPartition(after, prefix)).isEqualTo(byPartition(full, ""));
    }

    @Test
    void playWithTopicsWritesOnlyThoseTopicsRecords() throws IOException {
        Path full = dir.resolve("both.jsonl");
        assertThat(ReplayCli.run("generate", "--accounts", "30", "--attempts", "200", "--seed", "11", "--start", START,
                "--out", full.toString())).isZero();
        String prefix = "only.";
        assertThat(ReplayCli.run("play", "--in", full.toString(), "--bootstrap", second.bootstrapServers(),
                "--topic-prefix", prefix, "--topics", Topics.LOGIN_ATTEMPTS)).isZero();
        Path recorded = dir.resolve("only.jsonl");
        assertThat(ReplayCli.run("record", "--bootstrap", second.bootstrapServers(),
                "--topics", prefix + Topics.LOGIN_ATTEMPTS, "--out", recorded.toString())).isZero();
        Map<String, List<String>> attempts = new TreeMap<>(byPartition(full, ""));
        attempts.keySet().removeIf(k -> !k.startsWith(Topics.LOGIN_ATTEMPTS + "/"));
        assertThat(attempts).isNotEmpty();
        assertThat(byPartition(recorded, prefix)).isEqualTo(attempts);
        // the other recorded topic was neither written nor created
        try (var admin = second.admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain(prefix + Topics.ACCOUNTS);
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void recordStopsAtTheEndOffsetsOfItsStartAndAMissingTopicIsAnError() throws IOException {
        Path out = dir.resolve("empty.jsonl");
        assertThat(ReplayCli.run("record", "--bootstrap", second.bootstrapServers(), "--topics", Topics.RISK_DLQ,
                "--out", out.toString())).isZero();
        assertThat(Files.readAllLines(out)).isEmpty();
        assertThat(ReplayCli.run("record", "--bootstrap", second.bootstrapServers(), "--topics", "no.such-topic",
                "--out", out.toString())).isEqualTo(ReplayCli.USAGE);
    }

    /** Per topic (less the prefix) and partition, the records in order, as text without the topic name. */
    static Map<String, List<String>> byPartition(Path file, String prefix) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        JsonLines.forEach(file, r -> {
            assertThat(r.topic()).startsWith(prefix);
            out.computeIfAbsent(r.topic().substring(prefix.length()) + "/" + r.partition(), k -> new ArrayList<>())
                    .add(r.offset() + " " + r.timestamp() + " " + r.keyString() + " "
                            + new String(r.value(), StandardCharsets.UTF_8) + " " + r.headers());
        });
        return out;
    }
}
