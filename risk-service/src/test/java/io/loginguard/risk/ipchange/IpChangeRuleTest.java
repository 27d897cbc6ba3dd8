package io.loginguard.risk.ipchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.risk.config.IpChangeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IpChangeRuleTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private final IpChangeRule rule = new IpChangeRule(IpChangeSettings.defaults());

    private SortedMap<String, Instant> recent = new TreeMap<>();

    private IpChangeRule.Assessment login(String ip, Duration at) {
        IpChangeRule.Assessment a = rule.assess(recent, ip, T0.plus(at));
        recent = a.recent();
        return a;
    }

    @Test
    void threeAddressesInAnHourAreFineAFourthIsTooMany() {
        assertThat(login("10.0.0.1", Duration.ZERO).tooMany()).isFalse();
        assertThat(login("10.0.0.2", Duration.ofMinutes(10)).tooMany()).isFalse();
        assertThat(login("10.0.0.1", Duration.ofMinutes(15)).tooMany()).isFalse();
        assertThat(login("10.0.0.3", Duration.ofMinutes(20)).tooMany()).isFalse();
        IpChangeRule.Assessment fourth = login("10.0.0.4", Duration.ofMinutes(30));
        assertThat(fourth.tooMany()).isTrue();
        assertThat(fourth.distinctIps()).isEqualTo(4);
    }

    @Test
    void anAddressLeavesTheWindowExactlyAWindowAfterItsLastLogin() {
        login("10.0.0.1", Duration.ZERO);
        login("10.0.0.2", Duration.ofMinutes(1));
        login("10.0.0.3", Duration.ofMinutes(2));
        SortedMap<String, Instant> before = recent;

        // 59:59 after the first address: it is still in the window, so a fourth address is too many.
        assertThat(rule.assess(before, "10.0.0.4", T0.plus(Duration.ofMinutes(59).plusSeconds(59))).tooMany()).isTrue();
        // 60:00 after it: it has left, three remain.
        IpChangeRule.Assessment atEdge = rule.assess(before, "10.0.0.4", T0.plus(Duration.ofHours(1)));
        assertThat(atEdge.tooMany()).isFalse();
        assertThat(atEdge.recent()).doesNotContainKey("10.0.0.1").containsKey("10.0.0.4");
    }

    @Test
    void aLoginWithoutAnAddressOnlyAgesTheWindow() {
        login("10.0.0.1", Duration.ZERO);
        assertThat(rule.assess(recent, null, T0.plus(Duration.ofHours(2))).recent()).isEmpty();
    }
}
