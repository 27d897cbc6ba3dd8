package io.loginguard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
    record Stamped(Instant at) {
    }

    @Test
    void writesWhatInstantToStringWrites() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(0, 1),
                Instant.ofEpochSecond(0, 1_000), Instant.ofEpochSecond(0, 1_000_000), Instant.ofEpochSecond(0, 999_999_999),
                Instant.ofEpochSecond(0, 120_000_000), Instant.ofEpochSecond(0, 123_400),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"), Instant.MAX, Instant.MIN,
                Instant.parse("2024-02-29T12:00:00Z"), Instant.parse("2026-12-06T15:04:05.100Z"));
        for (Instant at : edges) {
            assertThat(IsoInstants.format(at)).as(at.toString()).isEqualTo(at.toString());
        }
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong() % 253_402_300_800L;
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstants.format(at)).isEqualTo(at.toString());
            assertThat(IsoInstants.parsePlain(at.toString())).isEqualTo(seconds >= -62_167_219_200L ? at : null);
        }
    }

    @Test
    void readsThePlainFormAndLeavesTheRestToTheGeneralParser() {
        assertThat(IsoInstants.parsePlain("2026-12-06T15:04:05Z")).isEqualTo(Instant.parse("2026-12-06T15:04:05Z"));
        assertThat(IsoInstants.parsePlain("2026-12-06T15:04:05.1Z")).isEqualTo(Instant.parse("2026-12-06T15:04:05.100Z"));
        assertThat(IsoInstants.parsePlain("2026-12-06T15:04:05.123456789Z")).isEqualTo(Instant.parse("2026-12-06T15:04:05.123456789Z"));
        assertThat(IsoInstants.parsePlain("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        for (String other : List.of("2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-06T24:00:00Z",
                "2026-12-06T23:59:60Z", "2026-12-06T15:04:05.Z", "2026-12-06T15:04:05.1234567890Z",
                "2026-12-06T15:04:05+01:00", "2026-12-06 15:04:05Z", "+12026-12-06T15:04:05Z", "2026-12-06T15:04Z",
                "2026-1a-06T15:04:05Z", "")) {
            assertThat(IsoInstants.parsePlain(other)).as(other).isNull();
        }
    }

    @Test
    void eventJsonReadsWhatItReadBeforeAndRefusesWhatItRefusedBefore() {
        assertThat(EventJson.fromJson("{\"at\":\"2026-12-06T15:04:05.5Z\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2026-12-06T15:04:05.500Z"));
        // not the plain form: the general parser's answers, as before
        assertThat(EventJson.fromJson("{\"at\":\"+10000-01-01T00:00:00Z\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
        assertThat(EventJson.fromJson("{\"at\":1700000000}", Stamped.class).at()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThatThrownBy(() -> EventJson.fromJson("{\"at\":\"2026-02-30T00:00:00Z\"}", Stamped.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("at");
        assertThatThrownBy(() -> EventJson.fromJson("{\"at\":\"yesterday\"}", Stamped.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("at");
        assertThat(EventJson.toJson(new Stamped(Instant.parse("2026-12-06T15:04:05.120Z"))))
                .isEqualTo("{\"at\":\"2026-12-06T15:04:05.120Z\"}");
    }
}
