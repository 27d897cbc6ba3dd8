package io.loginguard.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Why {@link EventJson} keeps no field-name symbol table: reading values shaped like risk's stored account entries
 * (maps keyed by device ids and addresses, 32 remembered input ids) for 10,000 accounts, with Jackson's default
 * factory (names canonicalized and interned), with interning off, and with canonicalization off (what EventJson
 * does). The reference is the default, in the same run. Run with
 * {@code ./mvnw -B -pl events test -Dtest=StoredJsonBench -Dloginguard.bench=true}; numbers in BENCHMARKS.md.
 */
@EnabledIfSystemProperty(named = "loginguard.bench", matches = "true")
class StoredJsonBench {
    private static final int ACCOUNTS = 10_000;
    private static final int READS = 200_000;

    @Test
    void readingStoredEntriesWithAndWithoutASymbolTable() throws Exception {
        Random random = new Random(1);
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            entries.add(entry(i, random));
        }
        Map<String, JsonFactory> factories = Map.of(
                "default (canonicalized, interned)", new JsonFactory(),
                "interning off", JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build(),
                "canonicalization off (EventJson)", JsonFactory.builder()
                        .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build());
        for (int round = 1; round <= 3; round++) {
            double reference = microsPerRead(JsonMapper.builder(factories.get("default (canonicalized, interned)")).build(),
                    entries, new Random(round));
            for (var factory : factories.entrySet()) {
                double micros = microsPerRead(JsonMapper.builder(factory.getValue()).build(), entries, new Random(round));
                System.out.printf("BENCH round %d | %s | %.2f us a read | %.2f of the default's time%n", round,
                        factory.getKey(), micros, micros / reference);
            }
        }
    }

    private static double microsPerRead(ObjectMapper mapper, List<byte[]> entries, Random random) throws Exception {
        int fields = 0;
        long started = System.nanoTime();
        for (int i = 0; i < READS; i++) {
            fields += mapper.readValue(entries.get(random.nextInt(entries.size())), Map.class).size();
        }
        double micros = (System.nanoTime() - started) / 1e3 / READS;
        assertThat(fields).isEqualTo(2 * READS); // every entry read whole: its state and its profile
        return micros;
    }

    /** One account entry: its state, and a profile with 4 devices, 3 addresses and 32 remembered ids. */
    private static byte[] entry(int account, Random random) {
        StringBuilder json = new StringBuilder("{\"state\":{\"accountKey\":\"acc-").append(account)
                .append("\",\"consecutiveFailures\":3,\"lockedUntil\":\"2026-12-06T15:04:05Z\",")
                .append("\"occurredAt\":\"2026-12-06T15:04:05.123Z\"},\"profile\":{\"devices\":{");
        for (int d = 0; d < 4; d++) {
            json.append(d > 0 ? "," : "").append('"').append(UUID.randomUUID()).append("\":\"2026-12-06T15:04:05Z\"");
        }
        json.append("},\"loginIps\":{");
        for (int d = 0; d < 3; d++) {
            json.append(d > 0 ? "," : "").append("\"10.").append(random.nextInt(256)).append('.')
                    .append(random.nextInt(256)).append('.').append(random.nextInt(256)).append("\":\"2026-12-06T15:04:05Z\"");
        }
        json.append("},\"countryCleanLogins\":{\"DE\":1},\"frozen\":false,\"accountVersion\":3,\"recentAttempts\":[");
        for (int d = 0; d < 32; d++) {
            json.append(d > 0 ? "," : "").append('"').append(UUID.randomUUID()).append('"');
        }
        return json.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
