package io.loginguard.risk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping's keys and defaults, checked with plain SmallRye Config (the engine Quarkus uses). */
class RiskConfigTest {

    private static RiskConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RiskConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(RiskConfig.class);
    }

    @Test
    void defaultsAreTheSeedNumbers() {
        assertThat(load(Map.of()).toSettings()).isEqualTo(RiskSettings.defaults());
        assertThat(LockoutSettings.defaults()).isEqualTo(new LockoutSettings(
                5, Duration.ofMinutes(30), false, Duration.ofHours(2), 5, Duration.ofMinutes(30)));
    }

    @Test
    void everyKeyIsReadUnderItsDocumentedName() {
        RiskConfig config = load(Map.of(
                "loginguard.risk.lockout.threshold", "3",
                "loginguard.risk.lockout.duration", "PT15M",
                "loginguard.risk.lockout.extend-on-attempt-during-lock", "true",
                "loginguard.risk.lockout.extension", "PT1H",
                "loginguard.risk.second-factor.threshold", "4",
                "loginguard.risk.second-factor.lock-duration", "PT45M"));

        assertThat(config.toSettings().lockout()).isEqualTo(new LockoutSettings(
                3, Duration.ofMinutes(15), true, Duration.ofHours(1), 4, Duration.ofMinutes(45)));
    }

    @Test
    void nonsenseNumbersAreRefused() {
        assertThatThrownBy(() -> LockoutSettings.defaults().withThreshold(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new LockoutSettings(5, Duration.ZERO, false, Duration.ofHours(2), 5,
                Duration.ofMinutes(30))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
    }
}
