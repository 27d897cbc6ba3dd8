package io.loginguard.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who the client is: only trusted proxies are believed, and what the client says about itself is cleaned. */
class ClientIdentityTest {
    private final ClientAddress none = new ClientAddress(List.of());
    private final ClientAddress ingress = new ClientAddress(List.of("10.0.0.0/8", "2001:db8::/32"));

    @Test
    void withNoTrustedProxyTheSocketPeerIsTheClientWhateverItForwards() {
        assertThat(none.resolve("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
    }

    @Test
    void aTrustedProxyIsBelievedAndTheRightMostUntrustedHopIsTheClient() {
        // the client spoofs a first hop; the ingress appends the real one
        assertThat(ingress.resolve("10.1.2.3", "1.2.3.4, 198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(ingress.resolve("10.1.2.3", "198.51.100.1, 10.9.9.9")).isEqualTo("198.51.100.1");
        assertThat(ingress.resolve("2001:db8::5", "2001:db9::1")).isEqualTo("2001:db9:0:0:0:0:0:1");
    }

    @Test
    void anUntrustedPeerOrAGarbageChainIsNotBelieved() {
        assertThat(ingress.resolve("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(ingress.resolve("10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
        assertThat(ingress.resolve("10.1.2.3", null)).isEqualTo("10.1.2.3");
    }

    @Test
    void deviceIdAndUserAgentAreCutAndStrippedOfControlCharacters() {
        ClientInfo info = new ClientInfo("203.0.113.7", "dev\u0000ice\r\n-1\u202e", "x".repeat(5000));
        assertThat(info.deviceId()).isEqualTo("device-1");
        assertThat(info.userAgent()).hasSize(ClientInfo.MAX_USER_AGENT);
        assertThat(new ClientInfo(null, " \t ", null).deviceId()).isNull();
    }
}
