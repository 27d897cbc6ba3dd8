package io.loginguard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealedParamsTest {
    static final byte[] K1 = key(1);
    static final byte[] K2 = key(2);

    @Test
    void roundTripsAndNeverShowsTheSecretInTheEnvelope() {
        Map<String, String> params = Map.of("code", "493027", "link", "https://x.example/reset?t=a=b\nc");
        String sealed = SealedParams.seal(params, "req-1", "k1", K1);
        assertThat(sealed).startsWith("v1.k1.").doesNotContain("493027");
        assertThat(SealedParams.open(sealed, "req-1", Map.of("k1", K1))).isEqualTo(params);
    }

    @Test
    void keysRotateByIdAndAnUnknownIdIsRefused() {
        String old = SealedParams.seal(Map.of("code", "1"), "r", "k1", K1);
        assertThat(SealedParams.open(old, "r", Map.of("k1", K1, "k2", K2))).containsEntry("code", "1");
        assertThatThrownBy(() -> SealedParams.open(old, "r", Map.of("k2", K2))).hasMessageContaining("k1");
    }

    @Test
    void anotherRequestsEnvelopeOrATamperedOneDoesNotOpen() {
        String sealed = SealedParams.seal(Map.of("code", "1"), "r1", "k1", K1);
        assertThatThrownBy(() -> SealedParams.open(sealed, "r2", Map.of("k1", K1))).isInstanceOf(IllegalArgumentException.class);
        String body = sealed.substring(6);
        byte[] raw = Base64.getUrlDecoder().decode(body);
        raw[raw.length - 1] ^= 1;
        String tampered = "v1.k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThatThrownBy(() -> SealedParams.open(tampered, "r1", Map.of("k1", K1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedParams.open("garbage", "r1", Map.of("k1", K1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        assertThatThrownBy(() -> SealedParams.seal(Map.of(), "r", "k1", "short".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("32 bytes");
    }

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }
}
