package io.loginguard.auth.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code loginguard.auth.passkeys.*}, WebAuthn: the relying party passkeys are bound to, and how long a ceremony's challenge stays usable. */
public interface PasskeysConfig {
    /** The relying party id: the site's registrable domain (no scheme, no port). */
    @WithDefault("localhost")
    String rpId();

    @WithDefault("Loginguard")
    String rpName();

    /** The origins the browser may report (scheme, host and port of the pages), comma-separated. */
    @WithDefault("http://localhost:8081")
    java.util.List<String> origins();

    /** How long a registration or authentication challenge stays usable (once). */
    @WithDefault("PT5M")
    Duration challengeTtl();

    /** How many passkeys one account may register. */
    @WithDefault("10")
    int maxPerAccount();
}
