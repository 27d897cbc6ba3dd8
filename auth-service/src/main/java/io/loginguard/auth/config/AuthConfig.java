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

    Pipeline pipeline();

    Client client();

    Login login();

    Codes codes();

    Registration registration();

    Sealing sealing();

    Secrets secrets();

    TotpConfig totp();

    FactorsConfig factors();

    Reset reset();

    SubAccounts subAccounts();

    PagesConfig pages();

    PasskeysConfig passkeys();

    /** Key for {@code unknown:<hmac(identifier)>} record keys: a secret, so identifiers can't be reversed. */
    @WithDefault(StartupChecks.DEV_HMAC_KEY)
    String identifierHmacKey();

    interface Password {
        @WithDefault("8")
        int minLength();

        @WithDefault("128")
        int maxLength();

        /** How many of the most common passwords (by frequency) are refused. */
        @WithDefault("10000")
        int commonPasswords();

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

        /**
         * How many hashes are computed at once (0: one per core). A burst queues instead of multiplying native
         * memory (each hash holds memory-kib while it runs) and CPU contention.
         */
        @WithDefault("0")
        int maxConcurrent();

        /**
         * The nice value of the threads hashes run on (Linux; 0: the process's own priority). Higher is lower priority:
         * the attempt's publish, the verdict consumers and the broker preempt a hash instead of waiting for its time
         * slice. Measured in BENCHMARKS.md, "Hashes at a lower priority".
         */
        @WithDefault("10")
        int threadNice();
    }

    interface Admission {
        /**
         * A ceiling only: the most password checks the gate lets be in flight for one account at once. How many
         * checks an account has left is risk's number (its verdicts, its state, and its heartbeat echoes), the one
         * place the lockout threshold is configured.
         */
        @WithDefault("5")
        int threshold();

        /** How long an account's published attempts may stay unanswered by risk before its gate fails closed. */
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

        /**
         * How long the gate keeps an account's hash once it holds nothing a fresh one would not (no failures, no
         * lock, nothing in flight). A hash that remembers something never expires.
         */
        @WithDefault("P30D")
        Duration stateTtl();

        /** The TTL of gate hashes of identifiers with no account, kept whatever they hold (bounded growth). */
        @WithDefault("PT24H")
        Duration unknownKeyTtl();
    }

    /** The login itself. */
    interface Login {
        /** How long a login with the right credentials waits for risk's verdict on it before any session. */
        @WithDefault("PT2S")
        Duration verdictWait();

        /**
         * How long a failed login (wrong password, unknown account) waits for risk's verdict, so that while risk
         * throttles its address it is answered 429 like a right password from there, not 401; past it, 401. 0: no wait.
         */
        @WithDefault("PT1S")
        Duration failureVerdictWait();

        /**
         * How long a login waits for the broker to acknowledge its attempt before answering 503 unavailable; with the
         * producer's own bounds (max.block.ms, request and delivery timeouts) it keeps a Kafka outage under 2 s.
         */
        @WithDefault("PT1S")
        Duration publishTimeout();

        /** Risk silent past that wait: refuse (true, the default: 503 risk_unavailable) or issue the session. */
        @WithDefault("true")
        boolean verdictWaitFailClosed();
    }

    /** Who the client is, as far as a request can tell. */
    interface Client {
        /**
         * Proxies (IPs or CIDRs, e.g. the ingress) whose X-Forwarded-For is believed; none by default, so the
         * client IP is the socket peer's (env LOGINGUARD_AUTH_CLIENT_TRUSTED_PROXIES).
         */
        java.util.Optional<java.util.List<String>> trustedProxies();

        /**
         * The header the edge (CDN or ingress, which knows the client's country) sets with an ISO 3166 alpha-2 code;
         * believed only as the edge sets it, so strip it from client requests there. None: unknown.
         */
        @WithDefault("X-Client-Country")
        String countryHeader();

        /** Headers with the client's coordinates in degrees, from the same edge (optional). */
        @WithDefault("X-Client-Latitude")
        String latitudeHeader();

        @WithDefault("X-Client-Longitude")
        String longitudeHeader();
    }

    /** Password reset links (seed: valid 1 hour). */
    interface Reset {
        @WithDefault("PT1H")
        Duration validity();

        /** Where the link points: the reset page, given the token as its query parameter. */
        @WithDefault("http://localhost:8081/reset-password?token=")
        String linkBase();
    }

    /** Sub-accounts ("independent login statuses, the master's risk control policies"). */
    interface SubAccounts {
        /** How many sub-accounts one master may create. */
        @WithDefault("200")
        int max();
    }


    /** The heartbeat that proves auth → Kafka → risk → auth works, without waiting for anyone to log in. */
    interface Pipeline {
        /** How often this node sends a heartbeat, to one partition of auth.login-attempts in turn. */
        @WithDefault("PT1S")
        Duration heartbeatInterval();

        /**
         * How long after its publication an unanswered attempt is given up once a heartbeat sent that much later
         * through the same partition has been answered (the pipeline has passed it: Kafka no longer holds it).
         */
        @WithDefault("PT10S")
        Duration lostAttemptGrace();

        /** This node's name in heartbeats; default: a random id per start. */
        java.util.Optional<String> nodeId();
    }

    /** One-time codes sent to an email address or a phone (registration, and the factors that use them). */
    interface Codes {
        @WithDefault("6")
        int digits();

        @WithDefault("PT30M")
        Duration validity();

        /** Wrong tries that burn a code. */
        @WithDefault("5")
        int maxTries();

        /** Codes sent to one identifier: at most one per this interval... */
        @WithDefault("PT1M")
        Duration resendInterval();

        /** ...and at most this many per hour. */
        @WithDefault("5")
        int maxPerHour();
    }

    interface Registration {
        /** An unverified registration is forgotten after this long. */
        @WithDefault("PT24H")
        Duration pendingExpiry();

        /** How often expired registrations are swept. */
        @WithDefault("PT10M")
        Duration sweepInterval();
    }

    /**
     * The key codes and links are sealed with on notification.requests (AES-256-GCM), named by its id so keys
     * rotate; notification-service holds the same keys. Production refuses the development key.
     */
    interface Sealing {
        @WithDefault("dev")
        String keyId();

        /** Base64 of 32 bytes. */
        @WithDefault(StartupChecks.DEV_SEALING_KEY)
        String key();
    }

    /** The key second-factor secrets are sealed with at rest (AES-256-GCM); production refuses the development key. */
    interface Secrets {
        @WithDefault("dev")
        String keyId();

        /** Base64 of 32 bytes. */
        @WithDefault(StartupChecks.DEV_SECRETS_KEY)
        String key();
    }


    interface Session {
        /** Absolute lifetime of a session, however active. */
        @WithDefault("PT24H")
        Duration ttl();

        /** A session unused this long ends. */
        @WithDefault("PT30M")
        Duration idleTimeout();

        /** Devices online at once; a login beyond signs out the earliest (seed: 3). */
        @WithDefault("3")
        int maxDevices();
    }
}
