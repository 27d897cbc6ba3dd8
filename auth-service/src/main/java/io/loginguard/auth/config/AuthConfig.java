package io.loginguard.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every policy number of auth-service, with the seed's value as default. */
@ConfigMapping(prefix = "loginguard.auth")
public interface AuthConfig {

    Password password();

    Admission admission();

    Session session();

    /** Key for {@code unknown:<hmac(identifier)>} record keys: a secret, so identifiers can't be reversed. */
    @WithDefault(StartupChecks.DEV_HMAC_KEY)
    String identifierHmacKey();

    interface Password {
        @WithDefault("8")
        int minLength();

        @WithDefault("128")
        int maxLength();

        Argon2 argon2();
    }

    /** Argon2id cost; hashes made with other parameters are rehashed at the next successful login. */
    interface Argon2 {
        /** Memory in KiB (OWASP's 19 MiB). */
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();
    }

    interface Admission {
        /** Consecutive password failures before risk locks the account; must equal risk's threshold. */
        @WithDefault("5")
        int threshold();

        /** How long attempts may stay unconfirmed by risk before the gate treats risk as down. */
        @WithDefault("PT10S")
        Duration confirmationTimeout();

        /** When confirmations have stopped: refuse (true, the default) or admit on confirmed counts only. */
        @WithDefault("true")
        boolean failClosed();

        /**
         * How long an admitted attempt may stay unconfirmed before the gate gives it up as lost (its event never
         * reached risk, e.g. auth died before publishing it); until then the account is refused (fail closed).
         */
        @WithDefault("PT5M")
        Duration lostAttemptTimeout();

        /** How long an idle account's admission counters are kept in Redis. */
        @WithDefault("P30D")
        Duration stateTtl();
    }

    interface Session {
        @WithDefault("PT24H")
        Duration ttl();
    }
}
