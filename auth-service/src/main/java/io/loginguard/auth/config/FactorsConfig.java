package io.loginguard.auth.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code loginguard.auth.factors.*}: second factors as a policy. */
public interface FactorsConfig {
    /**
     * Whether an account must keep one second factor once it has one: the last cannot be turned off (409
     * {@code last_factor}); support's 2FA reset still removes them all.
     */
    @WithDefault("true")
    boolean required();

    /**
     * Wrong second-factor codes a signed-in person may give as proof (turning a factor off, new backup codes,
     * removing a passkey) within {@link #proofFailureWindow()} before 429 {@code too_frequent}; as the lockout:
     * 5 in 30 minutes.
     */
    @WithDefault("5")
    int proofFailures();

    @WithDefault("PT30M")
    Duration proofFailureWindow();
}
