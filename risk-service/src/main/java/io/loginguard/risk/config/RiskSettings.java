package io.loginguard.risk.config;

import java.util.Objects;

/**
 * Everything the risk topology needs to be built, as plain values. Grows one component per rule
 * (throttling, geo, devices, holds) as those rules arrive.
 */
public record RiskSettings(LockoutSettings lockout) {

    public RiskSettings {
        Objects.requireNonNull(lockout, "lockout");
    }

    public static RiskSettings defaults() {
        return new RiskSettings(LockoutSettings.defaults());
    }
}
