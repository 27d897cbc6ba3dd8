package io.loginguard.risk.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginAttempted.Method;
import io.loginguard.events.LoginAttempted.Outcome;
import io.loginguard.events.LoginAttempted.Stage;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.config.RiskSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated stream (many accounts and sub-accounts, countries, devices, addresses, and addresses spraying many
 * accounts) through the topology twice: byte-identical outputs, exactly one verdict per attempt, and the spraying
 * addresses throttled. The generator is seeded, so the stream is the same on every run.
 */
class RiskTopologyGeneratedReplayTest {
    static final int ATTEMPTS = Integer.getInteger("loginguard.replay.attempts", 400);

    @TempDir
    Path stateDir;

    @Test
    void aGeneratedStreamWithIpSprayingReplaysByteIdentically() {
        List<LoginAttempted> stream = generate(ATTEMPTS, 42L);
        List<String> first = run(stateDir.resolve("first"), stream);
        List<String> second = run(stateDir.resolve("second"), stream);

        assertThat(first).isEqualTo(second);
        List<String> verdicts = first.stream().filter(r -> r.startsWith(Topics.RISK_VERDICTS + " ")).toList();
        assertThat(verdicts).hasSize(stream.size());
        long throttledVerdicts = verdicts.stream().filter(r -> decode(r).contains("\"verdict\":\"THROTTLED\"")).count();
        long ipDecisions = first.stream().filter(r -> r.startsWith(Topics.RISK_DECISIONS + " key=ip:")).count();
        assertThat(throttledVerdicts).isPositive();
        assertThat(ipDecisions).isPositive();
    }

    private static String decode(String record) {
        String value = record.substring(record.indexOf(" value=") + 7);
        return new String(java.util.Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    static List<String> run(Path dir, List<LoginAttempted> stream) {
        RiskTopologyHarness risk = new RiskTopologyHarness(RiskSettings.defaults(), dir);
        try {
            for (LoginAttempted attempt : stream) {
                risk.send(attempt, null);
            }
            return risk.drainAllOutputs();
        } finally {
            risk.driver().close();
        }
    }

    /**
     * 1 % of attempts come from 5 spraying addresses walking through accounts and unknown identifiers; the rest
     * from 2,000 accounts (every 10th a sub-account of the one before), each mostly from its own address, country
     * and device, sometimes travelling, sometimes failing. Event time advances 50 ms to 2 s per attempt.
     */
    static List<LoginAttempted> generate(int count, long seed) {
        Random random = new Random(seed);
        String[] countries = {"DE", "AT", "FR", "BR", "US", "JP", "NL", "PL"};
        String[] sprayers = {"192.0.2.10", "192.0.2.11", "2001:db8:66::1", "2001:db8:66::2", "198.51.100.250"};
        Map<Integer, Long> sequences = new HashMap<>();
        List<LoginAttempted> out = new ArrayList<>(count);
        Instant t = Attempts.T0;
        int sprayed = 0;
        for (int n = 0; n < count; n++) {
            t = t.plusMillis(50 + random.nextInt(1950));
            boolean spray = random.nextInt(100) < 8 || (n % 200 < 30);
            int accountNo = spray ? 10_000 + (sprayed++ % 300) : random.nextInt(2000);
            String account = accountNo % 7 == 0 && spray
                    ? "unknown:" + Integer.toHexString(accountNo)
                    : new UUID(0x5eed_0000_0000_4000L, accountNo).toString();
            String master = !spray && accountNo % 10 == 1 ? new UUID(0x5eed_0000_0000_4000L, accountNo - 1).toString() : null;
            String ip;
            String country;
            String device;
            if (spray) {
                ip = sprayers[(n / 200) % sprayers.length];
                country = "RU";
                device = "bot-" + random.nextInt(3);
            } else {
                boolean travel = random.nextInt(50) == 0;
                ip = travel ? "203.0." + random.nextInt(256) + "." + random.nextInt(256)
                        : "10." + (accountNo / 256) + "." + (accountNo % 256) + ".1";
                country = travel ? countries[random.nextInt(countries.length)] : countries[accountNo % 3];
                device = random.nextInt(30) == 0 ? "new-" + random.nextInt(5) : "device-" + accountNo;
            }
            Outcome outcome = spray ? (account.startsWith("unknown:") ? Outcome.UNKNOWN_ACCOUNT : Outcome.BAD_PASSWORD)
                    : (random.nextInt(6) == 0 ? Outcome.BAD_PASSWORD : Outcome.SUCCEEDED);
            long sequence = sequences.merge(accountNo, 1L, Long::sum);
            UUID attemptId = UUID.nameUUIDFromBytes(("gen:" + seed + ":" + n).getBytes(StandardCharsets.UTF_8));
            out.add(new LoginAttempted(UUID.nameUUIDFromBytes(("gen-event:" + seed + ":" + n)
                    .getBytes(StandardCharsets.UTF_8)), t, account, attemptId, sequence, Stage.PASSWORD, outcome,
                    Method.EMAIL_PASSWORD, ip, country, null, null, device, "gen", master));
        }
        return out;
    }

    static long count(List<String> outputs, RiskDecision.Type type) {
        return outputs.stream().filter(r -> r.startsWith(Topics.RISK_DECISIONS + " ")
                && decode(r).contains("\"type\":\"" + type + "\"")).count();
    }

    static long count(List<String> outputs, RiskVerdict.Verdict verdict) {
        return outputs.stream().filter(r -> r.startsWith(Topics.RISK_VERDICTS + " ")
                && decode(r).contains("\"verdict\":\"" + verdict + "\"")).count();
    }
}
