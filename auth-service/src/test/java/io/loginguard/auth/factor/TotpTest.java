package io.loginguard.auth.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** RFC 6238 Appendix B: the SHA-1 seed, 8 digits. */
    static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc6238AppendixBVectors() {
        Totp eight = new Totp(Duration.ofSeconds(30), 8, 0);
        long[][] vectors = {{59, 94287082}, {1111111109, 7081804}, {1111111111, 14050471}, {1234567890, 89005924},
                {2000000000, 69279037}, {20000000000L, 65353130}};
        for (long[] v : vectors) {
            assertThat(eight.code(RFC_SEED, eight.stepAt(Instant.ofEpochSecond(v[0]))))
                    .as("T=%d", v[0]).isEqualTo(String.format("%08d", v[1]));
        }
    }

    @Test
    void oneStepOfDriftEitherWayIsAcceptedAndTwoAreNot() {
        Totp totp = new Totp(Duration.ofSeconds(30), 6, 1);
        Instant now = Instant.ofEpochSecond(1_800_000_015L);
        long step = totp.stepAt(now);
        for (int d = -2; d <= 2; d++) {
            String code = totp.code(RFC_SEED, step + d);
            assertThat(totp.accept(RFC_SEED, code, now, -1).isPresent()).as("drift %d", d).isEqualTo(Math.abs(d) <= 1);
        }
    }

    @Test
    void aCodeAlreadyAcceptedIsRefusedAgainAndSoIsAnyEarlierStep() {
        Totp totp = new Totp(Duration.ofSeconds(30), 6, 1);
        Instant now = Instant.ofEpochSecond(1_800_000_015L);
        long step = totp.stepAt(now);
        String code = totp.code(RFC_SEED, step);
        assertThat(totp.accept(RFC_SEED, code, now, -1)).hasValue(step);
        assertThat(totp.accept(RFC_SEED, code, now, step)).isEmpty();
        assertThat(totp.accept(RFC_SEED, totp.code(RFC_SEED, step - 1), now, step)).isEmpty();
        assertThat(totp.accept(RFC_SEED, totp.code(RFC_SEED, step + 1), now, step)).hasValue(step + 1);
    }

    @Test
    void theLastSecondOfAStepAndTheFirstOfTheNext() {
        Totp totp = new Totp(Duration.ofSeconds(30), 6, 0);
        long start = 1_800_000_000L; // a multiple of 30
        String code = totp.code(RFC_SEED, totp.stepAt(Instant.ofEpochSecond(start)));
        assertThat(totp.accept(RFC_SEED, code, Instant.ofEpochSecond(start + 29), -1)).isPresent();
        assertThat(totp.accept(RFC_SEED, code, Instant.ofEpochSecond(start + 30), -1)).isEmpty();
    }

    @Test
    void codesAgreeWithDebiansOathtool() throws Exception {
        assumeTrue(onPath("oathtool"), "oathtool is not installed (.ci/run installs it)");
        Totp totp = new Totp(Duration.ofSeconds(30), 6, 1);
        String secret = Base32.encode(RFC_SEED);
        Instant now = Instant.ofEpochSecond(1_800_000_015L);
        for (int d = -2; d <= 2; d++) {
            Instant at = now.plusSeconds(30L * d);
            String theirs = oathtool(secret, at);
            assertThat(totp.code(RFC_SEED, totp.stepAt(at))).isEqualTo(theirs);
            assertThat(totp.accept(RFC_SEED, theirs, now, -1).isPresent()).as("oathtool's code at %+d steps", d)
                    .isEqualTo(Math.abs(d) <= 1);
        }
    }

    @Test
    void base32RoundTripsAndSecretsAreSixteenCharacters() {
        byte[] ten = new byte[10];
        for (int i = 0; i < ten.length; i++) {
            ten[i] = (byte) (i * 37);
        }
        String encoded = Base32.encode(ten);
        assertThat(encoded).hasSize(16).matches("[A-Z2-7]+");
        assertThat(Base32.decode(encoded)).isEqualTo(ten);
        assertThat(Base32.encode(RFC_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    private static String oathtool(String base32, Instant at) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("oathtool", "--totp", "--base32", "--now", "@" + at.getEpochSecond(), base32)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean onPath(String tool) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
