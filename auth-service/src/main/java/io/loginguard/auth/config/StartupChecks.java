package io.loginguard.auth.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Refuses to start a production run with a setting that is only fit for development: with the published default
 * identifier key, anyone holding auth.login-attempts could test guessed email addresses against its keys.
 */
@ApplicationScoped
public class StartupChecks {
    static final String DEV_HMAC_KEY = "dev-only-identifier-hmac-key";
    /** Base64 of the 32 bytes of "dev-only-sealing-key-0123456789a": fit for tests and development only. */
    static final String DEV_SEALING_KEY = "ZGV2LW9ubHktc2VhbGluZy1rZXktMDEyMzQ1Njc4OWE=";
    /** Base64 of the 32 bytes of "dev-only-secrets-key-0123456789a": fit for tests and development only. */
    static final String DEV_SECRETS_KEY = "ZGV2LW9ubHktc2VjcmV0cy1rZXktMDEyMzQ1Njc4OWE=";
    private static final Logger LOG = Logger.getLogger(StartupChecks.class);

    private final AuthConfig config;

    public StartupChecks(AuthConfig config) {
        this.config = config;
    }

    void check(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL && DEV_HMAC_KEY.equals(config.identifierHmacKey())) {
            String why = "loginguard.auth.identifier-hmac-key is the development default: set LOGINGUARD_IDENTIFIER_HMAC_KEY "
                    + "to a secret of at least 32 characters, or anyone can test guessed email addresses against the keys "
                    + "on auth.login-attempts";
            LOG.error(why);
            throw new IllegalStateException(why);
        }
        if (LaunchMode.current() == LaunchMode.NORMAL && DEV_SECRETS_KEY.equals(config.secrets().key())) {
            String why = "loginguard.auth.secrets.key is the development default: set LOGINGUARD_AUTH_SECRETS_KEY (base64 "
                    + "of 32 random bytes), or anyone with a copy of the database can read the TOTP secrets";
            LOG.error(why);
            throw new IllegalStateException(why);
        }
        if (LaunchMode.current() == LaunchMode.NORMAL && DEV_SEALING_KEY.equals(config.sealing().key())) {
            String why = "loginguard.auth.sealing.key is the development default: set LOGINGUARD_AUTH_SEALING_KEY (base64 "
                    + "of 32 random bytes, the same as notification-service's key of that id), or anyone can open the codes "
                    + "on notification.requests";
            LOG.error(why);
            throw new IllegalStateException(why);
        }
    }
}
