package io.loginguard.auth.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code loginguard.auth.totp.*}: RFC 6238, SHA-1, 6 digits, 30 s, one step of drift either way (what authenticator
 * apps do); the backup codes and the login's challenge.
 */
public interface TotpConfig {
    @WithDefault("Loginguard")
    String issuer();

    @WithDefault("6")
    int digits();

    @WithDefault("PT30S")
    Duration step();

    @WithDefault("1")
    int driftSteps();

    /** How many backup codes a set has. */
    @WithDefault("10")
    int backupCodes();

    /** How long a login's second-factor challenge stays open. */
    @WithDefault("PT5M")
    Duration challengeTtl();
}
