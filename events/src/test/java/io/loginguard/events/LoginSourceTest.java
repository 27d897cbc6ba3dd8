package io.loginguard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A source (device and address) as risk and auth both name it, and its place on the verdict and the state. */
class LoginSourceTest {

    @Test
    void theKeyNamesDeviceAndAddressAndTheDigestIsSixteenHexDigitsOfItsSha256() {
        assertThat(LoginSource.key("laptop", "192.0.2.1")).isEqualTo("laptop@192.0.2.1");
        assertThat(LoginSource.key(null, null)).isEqualTo("-@-");
        // printf 'laptop@192.0.2.1' | sha256sum | cut -c1-16
        assertThat(LoginSource.digest("laptop", "192.0.2.1")).isEqualTo("96293219c115789b");
        assertThat(LoginSource.digest("laptop", "192.0.2.2")).isNotEqualTo(LoginSource.digest("laptop", "192.0.2.1"));
        assertThat(LoginSource.isDigest(LoginSource.digest(null, "2001:db8::1"))).isTrue();
    }

    @Test
    void theDevicePartSurvivesAnAtSignInTheDeviceAndAnIpv6Address() {
        assertThat(LoginSource.deviceOf(LoginSource.key("me@home", "2001:db8::1"))).isEqualTo("me@home");
        assertThat(LoginSource.deviceOf(LoginSource.key(null, "192.0.2.1"))).isNull();
    }

    @Test
    void onlyLowerCaseHexOfTheRightLengthIsADigest() {
        assertThat(LoginSource.isDigest("0123456789abcdef")).isTrue();
        assertThat(LoginSource.isDigest("0123456789ABCDEF")).isFalse();
        assertThat(LoginSource.isDigest("0123456789abcde")).isFalse();
        assertThat(LoginSource.isDigest(".*%d(0123456789a")).isFalse();
        assertThat(LoginSource.isDigest(null)).isFalse();
    }

    @Test
    void lockedSourcesTravelSortedAndAreLeftOutWhenThereAreNone() {
        TreeMap<String, Instant> locked = new TreeMap<>(Map.of("ffffffffffffffff", Instant.parse("2026-12-06T10:30:00Z"),
                "0000000000000000", Instant.parse("2026-12-06T10:31:00Z")));
        RiskVerdict verdict = new RiskVerdict(UUID.randomUUID(), Instant.EPOCH, "account", UUID.randomUUID(), 1L, 1,
                RiskVerdict.Verdict.LOCKED, 0, 0, null, List.of(), 1, 5, 5, null, locked);
        String json = EventJson.toJson(verdict);
        assertThat(json).contains("\"lockedSources\":{\"0000000000000000\":\"2026-12-06T10:31:00Z\","
                + "\"ffffffffffffffff\":\"2026-12-06T10:30:00Z\"}");
        assertThat(EventJson.fromJson(json, RiskVerdict.class)).isEqualTo(verdict);

        RiskVerdict none = new RiskVerdict(UUID.randomUUID(), Instant.EPOCH, "account", UUID.randomUUID(), 1L, 1,
                RiskVerdict.Verdict.ALLOW, 0, 0, null, List.of(), 1, 5, 5, null, new TreeMap<>());
        assertThat(none.lockedSources()).isNull();
        assertThat(EventJson.toJson(none)).doesNotContain("lockedSources");
    }
}
