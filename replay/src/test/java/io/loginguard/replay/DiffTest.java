package io.loginguard.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diff on files: what it compares, what it ignores, and its exit codes. */
class DiffTest {
    @TempDir
    Path dir;

    static ReplayRecord out(String topic, int partition, long offset, String key, String value) {
        return new ReplayRecord(topic, partition, offset, 1000L + offset, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8),
                List.of(new ReplayRecord.Header("ce_id", ("id-" + key + "-" + value).getBytes(StandardCharsets.UTF_8))));
    }

    static List<ReplayRecord> outputs() {
        List<ReplayRecord> r = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            r.add(out(Topics.RISK_VERDICTS, 1, i * 3, "acc-a", "{\"verdict\":\"ALLOW\",\"n\":" + i + "}"));
            r.add(out(Topics.RISK_ACCOUNT_STATE, 1, i * 3 + 1, "acc-a", "{\"version\":" + i + "}"));
            r.add(out(Topics.RISK_VERDICTS, 4, i * 3, "acc-b", "{\"verdict\":\"LOCKED\",\"n\":" + i + "}"));
        }
        r.add(out(Topics.RISK_DECISIONS, 4, 0, "acc-b", "{\"type\":\"LOCKED\"}"));
        r.add(out(Topics.LOGIN_ATTEMPTS, 4, 0, "acc-b", "{\"inputs are not compared\":1}"));
        return r;
    }

    @Test
    void heartbeatEchoesAreNoDecisionsAndAreLeftOut() throws IOException {
        Path a = write("a.jsonl", outputs());
        List<ReplayRecord> withEchoes = outputs();
        withEchoes.add(out(Topics.RISK_VERDICTS, 2, 9, "heartbeat:node-1:2", "{\"sentAt\":1}"));
        Path b = write("b.jsonl", withEchoes);
        assertThat(ReplayCli.run("diff", a.toString(), b.toString())).isZero();
    }

    Path write(String name, List<ReplayRecord> records) throws IOException {
        Path file = dir.resolve(name);
        try (JsonLines.Writer w = JsonLines.Writer.to(file)) {
            for (ReplayRecord r : records) {
                w.write(r);
            }
        }
        return file;
    }

    @Test
    void identicalOutputsUnderAnotherPrefixAtOtherOffsetsAndInAnotherInterleavingAreIdentical() throws IOException {
        Path a = write("a.jsonl", outputs());
        List<ReplayRecord> shuffled = new ArrayList<>();
        List<ReplayRecord> base = outputs();
        // account b's records first (another interleaving of accounts and topics), offsets moved, under a prefix,
        // the input topic different
        for (int pass = 0; pass < 2; pass++) {
            for (ReplayRecord r : base) {
                boolean b = r.keyString().equals("acc-b");
                if ((pass == 0) == b) {
                    String value = r.topic().equals(Topics.LOGIN_ATTEMPTS) ? "{\"other\":2}" : null;
                    ReplayRecord moved = r.at("copy." + r.topic(), r.offset() + 100);
                    shuffled.add(value == null ? moved : new ReplayRecord(moved.topic(), moved.partition(), moved.offset(),
                            moved.timestamp(), moved.key(), value.getBytes(StandardCharsets.UTF_8), moved.headers()));
                }
            }
        }
        Path b = write("b.jsonl", shuffled);
        assertThat(ReplayCli.run("diff", a.toString(), b.toString())).isZero();
    }

    @Test
    void aChangedValueHeaderTimestampOrOrderOrAMissingRecordDiffers() throws IOException {
        Path a = write("a.jsonl", outputs());
        List<List<ReplayRecord>> variants = new ArrayList<>();
        List<ReplayRecord> value = outputs();
        value.set(3, out(Topics.RISK_VERDICTS, 1, 3, "acc-a", "{\"verdict\":\"STEP_UP\",\"n\":1}"));
        variants.add(value);
        List<ReplayRecord> header = outputs();
        ReplayRecord h = header.get(4);
        header.set(4, new ReplayRecord(h.topic(), h.partition(), h.offset(), h.timestamp(), h.key(), h.value(),
                List.of(new ReplayRecord.Header("ce_id", "other".getBytes(StandardCharsets.UTF_8)))));
        variants.add(header);
        List<ReplayRecord> timestamp = outputs();
        ReplayRecord t = timestamp.get(0);
        timestamp.set(0, new ReplayRecord(t.topic(), t.partition(), t.offset(), t.timestamp() + 1, t.key(), t.value(), t.headers()));
        variants.add(timestamp);
        List<ReplayRecord> order = outputs();
        ReplayRecord swap = order.get(0);
        order.set(0, order.get(3));
        order.set(3, swap);
        variants.add(order);
        List<ReplayRecord> missing = outputs();
        missing.remove(15); // the decision
        variants.add(missing);
        for (int i = 0; i < variants.size(); i++) {
            Path b = write("b" + i + ".jsonl", variants.get(i));
            assertThat(ReplayCli.run("diff", a.toString(), b.toString())).as("variant %d", i).isEqualTo(ReplayCli.DIFFERENT);
        }
    }

    /**
     * A risk killed mid-stream under at-least-once: what it had sent reached the broker, then after the restart it
     * sent again the records of the inputs it read again, and went on. With --ignore-repeats that compares equal
     * to the uninterrupted run; without, it differs; and a record the crash lost for good still differs.
     */
    @Test
    void repeatsAfterACrashAreIgnoredOnlyWhenAskedAndALostRecordStillDiffers() throws IOException {
        List<ReplayRecord> uninterrupted = outputs();
        Path a = write("a.jsonl", uninterrupted);
        List<ReplayRecord> crashed = new ArrayList<>(uninterrupted.subList(0, 9)); // sent before the kill
        crashed.addAll(uninterrupted.subList(3, uninterrupted.size()));          // read again from an earlier commit
        Path b = write("b.jsonl", crashed);
        assertThat(ReplayCli.run("diff", a.toString(), b.toString())).isEqualTo(ReplayCli.DIFFERENT);
        assertThat(ReplayCli.run("diff", "--ignore-repeats", a.toString(), b.toString())).isZero();

        List<ReplayRecord> lost = new ArrayList<>(crashed);
        lost.remove(lost.size() - 3); // a verdict of account a that was never sent
        Path c = write("c.jsonl", lost);
        assertThat(ReplayCli.run("diff", "--ignore-repeats", a.toString(), c.toString()))
                .isEqualTo(ReplayCli.DIFFERENT);
    }

    @Test
    void theReportNamesTheAccountTheTopicAndShowsBothRecords() throws IOException {
        Path a = write("a.jsonl", outputs());
        List<ReplayRecord> changed = outputs();
        changed.set(5, out(Topics.RISK_VERDICTS, 4, 3, "acc-b", "{\"verdict\":\"ALLOW\",\"n\":1}"));
        Path b = write("b.jsonl", changed);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Differ differ = new Differ(10, new PrintStream(text, true, StandardCharsets.UTF_8));
        Differ.Result result = differ.diff(a, b);
        differ.report(a, b, result);
        assertThat(result.identical()).isFalse();
        assertThat(result.differences()).containsExactly(
                new Differ.Difference("acc-b", Topics.RISK_VERDICTS, 1, "record #2 differs"));
        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains("1 of 2 keys differ")
                .contains("acc-b risk.verdicts: record #2 differs")
                .contains("A: offset 3, timestamp 1003").contains("{\"verdict\":\"LOCKED\",\"n\":1}")
                .contains("B: offset 3, timestamp 1003").contains("{\"verdict\":\"ALLOW\",\"n\":1}");
    }

    @Test
    void recordingsWithoutRiskOutputsAreAnErrorNotIdentical() throws IOException {
        Path a = write("a.jsonl", List.of(out(Topics.LOGIN_ATTEMPTS, 0, 0, "k", "{}")));
        assertThat(ReplayCli.run("diff", a.toString(), a.toString())).isEqualTo(ReplayCli.USAGE);
        assertThat(ReplayCli.run("diff", a.toString(), dir.resolve("missing.jsonl").toString())).isEqualTo(ReplayCli.FAILED);
    }
}
