package io.loginguard.ticket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Every number and key ticket-service enforces, with the seed's values as defaults (see README.md). Keys have
 * development defaults that a production run refuses ({@code config.StartupChecks}).
 */
@ConfigMapping(prefix = "loginguard.ticket")
public interface TicketPolicy {

    /** Appeals ("Account issues, Unable to log in") and the SLA of every case. */
    Appeal appeal();

    /** Reactivation of a frozen account. */
    Reactivation reactivation();

    /** Two-factor reset when the authenticator is lost. */
    TwoFactorReset twoFactorReset();

    /** Codes that prove the registered email (and a phone) before a case is accepted. */
    Codes codes();

    Uploads uploads();

    Retention retention();

    Reviewers reviewers();

    /** Sealing of codes and tokens on notification.requests: the same key id and key as notification-service knows. */
    Sealing sealing();

    /** The server-rendered pages (io.loginguard.ticket.web.pages). */
    Pages pages();

    /** Where the links in the emails to the person point. */
    @WithDefault("http://localhost:8084")
    String publicBaseUrl();

    interface Pages {
        /**
         * The pages' cookies (CSRF, case key, reviewer session) carry {@code Secure}. On by default; a stack served
         * over plain http (local development) turns it off.
         */
        @WithDefault("true")
        boolean secureCookies();
    }

    interface Appeal {

        /** A reviewer answers a case within 24 hours (time waiting for the person does not count). */
        @WithDefault("PT24H")
        Duration firstReplyWithin();

        /** Resolution window promised to the person: from 12 hours... */
        @WithDefault("PT12H")
        Duration resolutionMin();

        /** ...to 48 hours after the appeal: the resolution target. */
        @WithDefault("PT48H")
        Duration resolutionMax();
    }

    interface Reactivation {

        /** A frozen account can ask for reactivation only from 2 hours after the freeze. */
        @WithDefault("PT2H")
        Duration notBeforeAfterFreeze();
    }

    interface TwoFactorReset {

        /** A reviewer decides on a 2FA reset within 7 days; withdrawals stay held meanwhile (by risk). */
        @WithDefault("P7D")
        Duration reviewWithin();
    }

    interface Codes {
        /** "valid only for 30 mins". */
        @WithDefault("PT30M")
        Duration validFor();

        /** Wrong tries that burn a code. */
        @WithDefault("5")
        int maxAttempts();

        /** A new code for the same destination no sooner than this (the answer stays the same). */
        @WithDefault("PT1M")
        Duration resendAfter();
    }

    interface Uploads {
        /** 10 MiB a file. */
        @WithDefault("10485760")
        long maxFileBytes();

        /** 30 MiB a case, every file it ever received. */
        @WithDefault("31457280")
        long maxCaseBytes();

        /**
         * An image larger than this many pixels is refused before it is decoded (a decompression bomb); 25 Mpx holds
         * about 100 MB decoded.
         */
        @WithDefault("25000000")
        long maxImagePixels();

        /** Documents decoded at once; the others wait. Bounds the memory of decoding (pixels are held whole). */
        @WithDefault("2")
        int maxConcurrentDecodes();

        /** Files at rest: AES-256-GCM with this key (base64 of 32 bytes). The default is for development only. */
        @WithDefault(DevKeys.FILES_KEY)
        String encryptionKey();

        /** Names the key in every stored file, so keys can rotate. */
        @WithDefault("dev")
        String encryptionKeyId();
    }

    interface Retention {
        /** Files of a closed case are deleted this long after it closed (the deletion is recorded). */
        @WithDefault("P90D")
        Duration filesAfterClose();
    }

    interface Reviewers {
        /** The first reviewer, created at start if no reviewer of that name exists. */
        Optional<String> bootstrapUsername();

        Optional<String> bootstrapPassword();

        /** Wrong passwords in a row that lock a reviewer's login... */
        @WithDefault("5")
        int maxFailedLogins();

        /** ...for this long (the answer stays "wrong name or password": no oracle for reviewer names). */
        @WithDefault("PT15M")
        Duration loginLockout();

        /** How long a reviewer token is valid. */
        @WithDefault("PT8H")
        Duration tokenValidFor();

        Argon2 argon2();
    }

    interface Argon2 {
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();
    }

    interface Sealing {
        @WithDefault("dev")
        String keyId();

        /** Base64 of 32 bytes; the default is the development key notification-service knows as "dev". */
        @WithDefault(DevKeys.SEALING_KEY)
        String key();
    }

    /** Development defaults, refused by a production run. */
    final class DevKeys {
        /** Base64 of "dev-only-sealing-key-0123456789a", the same as auth's and notification's development key. */
        public static final String SEALING_KEY = "ZGV2LW9ubHktc2VhbGluZy1rZXktMDEyMzQ1Njc4OWE=";
        /** Base64 of "dev-only-ticket-files-key-012345". */
        public static final String FILES_KEY = "ZGV2LW9ubHktdGlja2V0LWZpbGVzLWtleS0wMTIzNDU=";
        public static final String REVIEWER_PASSWORD = "dev-only-reviewer-password";

        private DevKeys() {
        }
    }
}
