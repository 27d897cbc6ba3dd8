package io.loginguard.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loginguard.kit.outbox.SourceRecord.RecordHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderCodecTest {

    @Test
    void keepsOrderRepeatsAndBytes() {
        byte[] binary = {0, (byte) 0xff, 10, 13, '"'};
        List<RecordHeader> headers = List.of(new RecordHeader("ce_type", bytes("a.b")), new RecordHeader("x", binary),
                new RecordHeader("ce_type", bytes("c.d")));

        List<RecordHeader> back = HeaderCodec.fromJson(HeaderCodec.toJson(headers));

        assertThat(back).extracting(RecordHeader::name).containsExactly("ce_type", "x", "ce_type");
        assertThat(back.get(0).value()).isEqualTo(bytes("a.b"));
        assertThat(back.get(1).value()).isEqualTo(binary);
        assertThat(back.get(2).value()).isEqualTo(bytes("c.d"));
    }

    @Test
    void aHeaderWithoutValueComesBackEmpty() {
        List<RecordHeader> back = HeaderCodec.fromJson(HeaderCodec.toJson(List.of(new RecordHeader("flag", null))));

        assertThat(back).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("flag");
            assertThat(h.value()).isEmpty();
        });
    }

    @Test
    void nothingStoredIsNoHeaders() {
        assertThat(HeaderCodec.fromJson(null)).isEmpty();
        assertThat(HeaderCodec.fromJson(" ")).isEmpty();
        assertThat(HeaderCodec.fromJson(HeaderCodec.toJson(List.of()))).isEmpty();
    }

    @Test
    void unreadableStoredHeadersSaySo() {
        assertThatThrownBy(() -> HeaderCodec.fromJson("{not json")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stored headers are not readable");
        assertThatThrownBy(() -> HeaderCodec.fromJson("[{\"name\":\"a\",\"value\":\"%%%\"}]"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTraceparentIsTheLastOne() {
        SourceRecord record = new SourceRecord("t", 0, 1, "k", bytes("v"), List.of(
                new RecordHeader("traceparent", bytes("00-first")), new RecordHeader("traceparent", bytes("00-last"))));

        assertThat(record.traceparent()).isEqualTo("00-last");
        assertThat(new SourceRecord("t", 0, 1, "k", bytes("v"), null).traceparent()).isNull();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
