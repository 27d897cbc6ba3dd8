package io.loginguard.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import picocli.CommandLine;

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
        ok("generate", "--accounts", "200", "--attempts", "3000", "--seed", "3", "--start", START,
                "--out", generated.toString());
        ok("play", "--in", generated.toString(), "--bootstrap", first.bootstrapServers());

        Path recorded = dir.resolve("recorded.jsonl");
        ok("record", "--bootstrap", first.bootstrapServers(), "--topics", TOPICS,
                "--out", recorded.toString());
        // what was played is what is recorded: same partitions, offsets, keys, values, headers, timestamps
        assertThat(byPartition(recorded, "")).isEqualTo(byPartition(generated, ""));

        ok("play", "--in", recorded.toString(), "--bootstrap", second.bootstrapServers(),
                "--topic-prefix", "copy.");
        Path again = dir.resolve("again.jsonl");
        ok("record", "--bootstrap", second.bootstrapServers(),
                "--topics", "copy." + Topics.ACCOUNTS + ",copy." + Topics.LOGIN_ATTEMPTS, "--out", again.toString());
        assertThat(JsonLines.readAll(again)).allMatch(r -> r.topic().startsWith("copy."));
        assertThat(byPartition(again, "copy.")).isEqualTo(byPartition(recorded, ""));

        // idempotent: playing the same recording again into the same topics writes nothing
        ok("play", "--in", recorded.toString(), "--bootstrap", second.bootstrapServers(),
                "--topic-prefix", "copy.");
        Path third = dir.resolve("third.jsonl");
        ok("record", "--bootstrap", second.bootstrapServers(),
                "--topics", "copy." + Topics.ACCOUNTS + ",copy." + Topics.LOGIN_ATTEMPTS, "--out", third.toString());
        assertThat(JsonLines.readAll(third)).hasSameSizeAs(JsonLines.readAll(again));
        assertThat(byPartition(third, "copy.")).isEqualTo(byPartition(recorded, ""));
    }

    @Test
    void anInterruptedPlayResumesAndAnotherRecordingIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path full = dir.resolve("full.jsonl");
        ok("generate", "--accounts", "50", "--attempts", "500", "--seed", "9", "--start", START,
                "--out", full.toString());
        List<String> lines = Files.readAllLines(full);
        Path firstHalf = dir.resolve("half.jsonl");
        Files.write(firstHalf, lines.subList(0, lines.size() / 2));
        String prefix = "resume.";
        ok("play", "--in", firstHalf.toString(), "--bootstrap", first.bootstrapServers(),
                "--topic-prefix", prefix);
        ok("play", "--in", full.toString(), "--bootstrap", first.bootstrapServers(),
                "--topic-prefix", prefix);
        Path recorded = dir.resolve("resumed.jsonl");
        ok("record", "--bootstrap", first.bootstrapServers(),
                "--topics", prefix + Topics.ACCOUNTS + "," + prefix + Topics.LOGIN_ATTEMPTS, "--out", recorded.toString());
        assertThat(byPartition(recorded, prefix)).isEqualTo(byPartition(full, ""));

        Path other = dir.resolve("other.jsonl");
        ok("generate", "--accounts", "50", "--attempts", "600", "--seed", "10", "--start", START,
                "--out", other.toString());
        assertThat(ReplayCli.run("play", "--in", other.toString(), "--bootstrap", first.bootstrapServers(),
                "--topic-prefix", prefix)).isEqualTo(ReplayCli.REFUSED);
        Path after = dir.resolve("after.jsonl");
        ok("record", "--bootstrap", first.bootstrapServers(),
                "--topics", prefix + Topics.ACCOUNTS + "," + prefix + Topics.LOGIN_ATTEMPTS, "--out", after.toString());
        assertThat(byPartition(after, prefix)).isEqualTo(byPartition(full, ""));
    }

    @Test
    void playWithTopicsWritesOnlyThoseTopicsRecords() throws IOException {
        Path full = dir.resolve("both.jsonl");
        ok("generate", "--accounts", "30", "--attempts", "200", "--seed", "11", "--start", START,
                "--out", full.toString());
        String prefix = "only.";
        ok("play", "--in", full.toString(), "--bootstrap", second.bootstrapServers(),
                "--topic-prefix", prefix, "--topics", Topics.LOGIN_ATTEMPTS);
        Path recorded = dir.resolve("only.jsonl");
        ok("record", "--bootstrap", second.bootstrapServers(),
                "--topics", prefix + Topics.LOGIN_ATTEMPTS, "--out", recorded.toString());
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
        ok("record", "--bootstrap", second.bootstrapServers(), "--topics", Topics.RISK_DLQ,
                "--out", out.toString());
        assertThat(Files.readAllLines(out)).isEmpty();
        assertThat(ReplayCli.run("record", "--bootstrap", second.bootstrapServers(), "--topics", "no.such-topic",
                "--out", out.toString())).isEqualTo(ReplayCli.USAGE);
    }

    /** Runs the tool and expects it to succeed; a failure shows what it printed on its error stream. */
    static void ok(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = ReplayCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        PrintStream systemErr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(systemErr, printed), true, StandardCharsets.UTF_8));
        int code;
        try {
            code = cli.execute(args);
        } finally {
            System.setErr(systemErr);
        }
        assertThat(code).as(() -> String.join(" ", args) + " printed:\n" + printed.toString(StandardCharsets.UTF_8) + err)
                .isZero();
    }

    /** Writes to both streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
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
