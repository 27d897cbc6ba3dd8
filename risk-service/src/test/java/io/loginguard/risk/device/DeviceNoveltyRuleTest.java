package io.loginguard.risk.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DeviceNoveltyRuleTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void theFirstDeviceIsNotNewsAnotherIsAndAKnownOneIsNot() {
        DeviceNoveltyRule rule = new DeviceNoveltyRule(20);
        DeviceNoveltyRule.Assessment first = rule.assess(new TreeMap<>(), "phone", T0);
        assertThat(first.isNew()).isFalse();
        DeviceNoveltyRule.Assessment second = rule.assess(first.known(), "laptop", T0.plusSeconds(60));
        assertThat(second.isNew()).isTrue();
        DeviceNoveltyRule.Assessment again = rule.assess(second.known(), "phone", T0.plusSeconds(120));
        assertThat(again.isNew()).isFalse();
        assertThat(again.known()).containsEntry("phone", T0.plusSeconds(120)).containsKey("laptop");
    }

    @Test
    void theLeastRecentlyUsedDeviceIsForgottenBeyondTheLimit() {
        DeviceNoveltyRule rule = new DeviceNoveltyRule(2);
        SortedMap<String, Instant> known = rule.assess(new TreeMap<>(), "a", T0).known();
        known = rule.assess(known, "b", T0.plusSeconds(1)).known();
        known = rule.assess(known, "a", T0.plusSeconds(2)).known();
        known = rule.assess(known, "c", T0.plusSeconds(3)).known();
        assertThat(known.keySet()).containsExactly("a", "c");
    }

    @Test
    void noDeviceIdIsNeitherNewNorRemembered() {
        DeviceNoveltyRule.Assessment a = new DeviceNoveltyRule(20).assess(new TreeMap<>(), null, T0);
        assertThat(a.isNew()).isFalse();
        assertThat(a.known()).isEmpty();
    }
}
