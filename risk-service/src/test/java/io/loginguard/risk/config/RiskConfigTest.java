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
    void theRulesKeysAreReadUnderTheirDocumentedNames() {
        RiskSettings settings = load(Map.ofEntries(
                Map.entry("loginguard.risk.lockout.mode", "account-and-source"),
                Map.entry("loginguard.risk.lockout.unknown-source-failure-cap", "12"),
                Map.entry("loginguard.risk.lockout.max-tracked-sources", "8"),
                Map.entry("loginguard.risk.geo.clean-logins-to-trust", "2"),
                Map.entry("loginguard.risk.geo.impossible-travel-speed-kmh", "900"),
                Map.entry("loginguard.risk.geo.impossible-travel-min-distance-km", "50"),
                Map.entry("loginguard.risk.ip-changes.max-distinct-ips", "5"),
                Map.entry("loginguard.risk.ip-changes.window", "PT30M"),
                Map.entry("loginguard.risk.devices.max-known", "7"),
                Map.entry("loginguard.risk.holds.two-factor-reset", "P3D"),
                Map.entry("loginguard.risk.holds.password-reset", "PT12H"),
                Map.entry("loginguard.risk.idempotence.remembered-attempts", "9"))).toSettings();

        assertThat(settings.sourceLockout()).isEqualTo(new SourceLockoutSettings(LockoutMode.ACCOUNT_AND_SOURCE, 12, 8));
        assertThat(settings.geo()).isEqualTo(new GeoSettings(2, 900, 50));
        assertThat(settings.ipChanges()).isEqualTo(new IpChangeSettings(5, Duration.ofMinutes(30)));
        assertThat(settings.maxKnownDevices()).isEqualTo(7);
        assertThat(settings.holds()).isEqualTo(new HoldSettings(Duration.ofDays(3), Duration.ofHours(12)));
        assertThat(settings.rememberedAttempts()).isEqualTo(9);
    }

    @Test
    void theRulesDefaultsAreTheSeedNumbers() {
        RiskSettings defaults = RiskSettings.defaults();
        assertThat(defaults.sourceLockout().mode()).isEqualTo(LockoutMode.ACCOUNT);
        assertThat(defaults.geo()).isEqualTo(new GeoSettings(3, 1000, 200));
        assertThat(defaults.ipChanges()).isEqualTo(new IpChangeSettings(3, Duration.ofHours(1)));
        assertThat(defaults.holds()).isEqualTo(new HoldSettings(Duration.ofDays(7), Duration.ofHours(24)));
    }

    @Test
    void aSourceCapBelowTheThresholdIsRefused() {
        assertThatThrownBy(() -> RiskSettings.defaults().withSourceLockout(
                new SourceLockoutSettings(LockoutMode.ACCOUNT_AND_SOURCE, 4, 64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknownSourceFailureCap");
    }

    @Test
    void moreRememberedInputsThanThereCanBeSlotsAreRefusedAtStart() {
        assertThatThrownBy(() -> RiskSettings.defaults().withRememberedAttempts(40_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 32767");
        assertThatThrownBy(() -> RiskSettings.defaults().withRememberedAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void nonsenseNumbersAreRefused() {
        assertThatThrownBy(() -> LockoutSettings.defaults().withThreshold(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new LockoutSettings(5, Duration.ZERO, false, Duration.ofHours(2), 5,
                Duration.ofMinutes(30))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
    }
}
