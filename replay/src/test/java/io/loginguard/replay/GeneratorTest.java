package io.loginguard.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
    @TempDir
    Path dir;

    private Path generate(String name, String... args) {
        Path out = dir.resolve(name);
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        assertThat(ReplayCli.run(all)).isZero();
        return out;
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() throws IOException {
        Path a = generate("a.jsonl", "generate", "--accounts", "300", "--attempts", "3000", "--seed", "11");
        Path b = generate("b.jsonl", "generate", "--accounts", "300", "--attempts", "3000", "--seed", "11");
        Path c = generate("c.jsonl", "generate", "--accounts", "300", "--attempts", "3000", "--seed", "12");
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.size(a)).isPositive();
        assertThat(Files.readAllBytes(c)).isNotEqualTo(Files.readAllBytes(a));
        assertThat(Files.readAllLines(c)).hasSize(3300);
    }

    @Test
    void everyRecordIsWhatAuthPublishesAndTheMixIsThere() throws IOException {
        Path file = generate("w.jsonl", "generate", "--accounts", "400", "--attempts", "6000", "--seed", "5",
                "--start", "2026-06-01T00:00:00Z");
        List<ReplayRecord> records = JsonLines.readAll(file);
        assertThat(records).hasSize(6400);
        Map<String, Long> lastSequence = new HashMap<>();
        Map<String, Long> nextOffset = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        Instant previous = Instant.MIN;
        int attempts = 0;
        for (ReplayRecord r : records) {
            String key = r.keyString();
            assertThat(r.partition()).isEqualTo(Topics.partitionFor(key, 6));
            assertThat(r.offset()).isEqualTo(nextOffset.merge(r.topic() + "/" + r.partition(), 1L, Long::sum) - 1);
            RecordHeaders headers = new RecordHeaders();
            r.headers().forEach(h -> headers.add(h.key(), h.value()));
            CloudEventHeaders.Attributes ce = CloudEventHeaders.attributes(headers).orElseThrow();
            if (r.topic().equals(Topics.ACCOUNTS)) {
                AccountSnapshot s = EventJson.fromBytes(r.value(), AccountSnapshot.class);
                assertThat(s.accountId()).isEqualTo(key);
                assertThat(ce.id()).isEqualTo(s.eventId().toString());
                if (s.masterAccountId() != null) {
                    seen.merge("sub-account", 1, Integer::sum);
                }
                continue;
            }
            assertThat(r.topic()).isEqualTo(Topics.LOGIN_ATTEMPTS);
            LoginAttempted a = EventJson.fromBytes(r.value(), LoginAttempted.class);
            int attemptNo = attempts++;
            assertThat(a.accountKey()).isEqualTo(key);
            assertThat(ce.id()).isEqualTo(a.eventId().toString());
            assertThat(ce.type()).isEqualTo("loginguard.auth.LoginAttempted.v1");
            assertThat(r.timestamp()).isEqualTo(a.occurredAt().toEpochMilli());
            assertThat(a.occurredAt()).isAfterOrEqualTo(previous); // event-time order
            previous = a.occurredAt();
            if (a.sequence() != null) { // auth's gate: 1, 2, 3... per account, none for a refused attempt
                assertThat(a.sequence()).isEqualTo(lastSequence.getOrDefault(key, 0L) + 1);
                lastSequence.put(key, a.sequence());
            } else {
                assertThat(a.outcome()).isEqualTo(LoginAttempted.Outcome.REJECTED_LOCKED);
            }
            seen.merge(a.stage() + "/" + a.outcome(), 1, Integer::sum);
            if (key.startsWith("unknown:")) {
                seen.merge("unknown", 1, Integer::sum);
            }
            if (List.of(Generator.STUFFING_IPS).contains(a.ip())) {
                boolean inWave = attemptNo >= 2400 && attemptNo < 2580; // 40 % to 43 % of the 6000 attempts
                seen.merge(inWave ? "stuffing-in-wave" : "stuffing-elsewhere", 1, Integer::sum);
            }
            if (List.of(Generator.FAR_COUNTRIES).contains(a.country())) {
                seen.merge("cross-border", 1, Integer::sum);
            }
            if (a.deviceId() != null && a.deviceId().startsWith("dev-new-")) {
                seen.merge("new-device", 1, Integer::sum);
            }
            if (a.masterAccountId() != null) {
                seen.merge("sub-account-attempt", 1, Integer::sum);
            }
        }
        assertThat(seen).containsKeys("sub-account", "PASSWORD/SUCCEEDED", "PASSWORD/BAD_PASSWORD",
                "PASSWORD/UNKNOWN_ACCOUNT", "PASSWORD/REJECTED_LOCKED", "STEP_UP/SUCCEEDED", "unknown",
                "cross-border", "new-device", "sub-account-attempt");
        // the wave: most of 40 % to 43 % of the run is stuffing (some slots go to a typo's right password...),
        // about 1 % elsewhere
        assertThat(seen.get("stuffing-in-wave")).isBetween(90, 140);
        assertThat(seen.get("stuffing-elsewhere")).isBetween(20, 100);
        assertThat(seen.get("PASSWORD/SUCCEEDED")).isGreaterThan(3000);
    }
}
