package io.loginguard.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    @TempDir
    Path dir;

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRecordIsOneLineWithItsFieldsInOrderAndTextAsText() throws IOException {
        ReplayRecord r = new ReplayRecord("auth.login-attempts", 3, 17, 1_767_225_600_000L, utf8("acc-1"),
                utf8("{\"a\":\"é\"}"), List.of(new ReplayRecord.Header("ce_id", utf8("id-1"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonLines.Writer w = new JsonLines.Writer(out)) {
            w.write(r);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"topic\":\"auth.login-attempts\",\"partition\":3,"
                + "\"offset\":17,\"timestamp\":1767225600000,\"key\":\"acc-1\",\"value\":\"{\\\"a\\\":\\\"é\\\"}\","
                + "\"headers\":[{\"key\":\"ce_id\",\"value\":\"id-1\"}]}\n");
    }

    @Test
    void everyByteSurvivesARoundTripNullsAndBinaryIncluded() throws IOException {
        byte[] binary = {(byte) 0xff, 0, (byte) 0xc3, 0x28, 10, 13};
        List<ReplayRecord> records = List.of(
                new ReplayRecord("t", 0, 0, 1L, null, null, List.of()),
                new ReplayRecord("t", 1, 5, -1L, binary, binary,
                        List.of(new ReplayRecord.Header("h", null), new ReplayRecord.Header("b", binary),
                                new ReplayRecord.Header("h", utf8("dup\nline \"quoted\"")))),
                new ReplayRecord("risk.verdicts", 5, Long.MAX_VALUE, Long.MAX_VALUE, utf8("unknown:ab12"), utf8("\u2028 \t"),
                        List.of()));
        Path file = dir.resolve("sub/r.jsonl");
        try (JsonLines.Writer w = JsonLines.Writer.to(file)) {
            for (ReplayRecord r : records) {
                w.write(r);
            }
        }
        assertThat(Files.readAllLines(file)).hasSize(3);
        assertThat(Files.readString(file)).contains("\"keyBase64\":").contains("\"valueBase64\":");
        assertThat(JsonLines.readAll(file)).isEqualTo(records);
    }

    @Test
    void aBadLineIsNamedByItsNumber() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"topic\":\"t\",\"partition\":0,\"offset\":0,\"timestamp\":1,\"key\":null,\"value\":null,"
                + "\"headers\":[]}\n\n{\"topic\":\"t\",\"partition\":0}\n");
        assertThatThrownBy(() -> JsonLines.readAll(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3").hasMessageContaining("required");
        Files.writeString(file, "{\"topic\":\"t\",\"colour\":1}\n");
        assertThatThrownBy(() -> JsonLines.readAll(file)).hasMessageContaining("line 1").hasMessageContaining("colour");
        Files.writeString(file, "not json\n");
        assertThatThrownBy(() -> JsonLines.readAll(file)).hasMessageContaining("line 1");
    }
}
