package io.loginguard.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Every number notification-service enforces, with the values as defaults (see README.md). */
@ConfigMapping(prefix = "loginguard.notification")
public interface NotificationConfig {

    /** {@code From} of every email: people must not answer a security email. */
    @WithDefault("do-not-reply@loginguard.local")
    String sender();

    /** Locale used when neither the request nor the contact names one we have templates for. */
    @WithDefault("en")
    String defaultLocale();

    /** Keys that open {@code sealedParams}, by key id: base64 of 32 bytes. Keep old ids while envelopes sealed with them may still arrive. */
    Map<String, String> sealingKeys();

    Retry retry();

    RateLimit rateLimit();

    Dispatch dispatch();

    Digest digest();

    Alerts alerts();

    Email email();

    Sms sms();

    interface Retry {
        /** Sends tried per message before it is dead-lettered. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("PT2S")
        Duration initialBackoff();

        @WithDefault("2.0")
        double multiplier();

        @WithDefault("PT5M")
        Duration maxBackoff();

        /** How long to wait before trying again when our own dependency (Redis, the contact projection) is not there. */
        @WithDefault("PT5S")
        Duration dependencyBackoff();
    }

    interface RateLimit {
        @WithDefault("5")
        int smsPerWindow();

        @WithDefault("10")
        int emailsPerWindow();

        @WithDefault("PT1H")
        Duration window();
    }

    interface Dispatch {
        /** Sends in flight at once: a slow destination holds one of them, never the others. */
        @WithDefault("8")
        int workers();

        /** How often due messages (retries, other nodes' intake) are looked for when nothing woke the dispatcher. */
        @WithDefault("PT0.2S")
        Duration pollInterval();

        /** A message being sent is this node's for this long; after it, the send counts as interrupted (a crash). */
        @WithDefault("PT2M")
        Duration lease();

        /** The longest one send (SMTP session or gateway call) may take. */
        @WithDefault("PT10S")
        Duration sendTimeout();
    }

    interface Digest {
        /** How often alerts folded by the rate limit are looked at, to be sent as one digest once the limit allows. */
        @WithDefault("PT1M")
        Duration checkInterval();
    }

    interface Alerts {
        /** An alert about an event older than this is not sent (a replay of last month's topic must not mail people). */
        @WithDefault("PT24H")
        Duration maxAge();
    }

    interface Email {
        /**
         * A send interrupted mid-way (the process died between handing the message to SMTP and recording the answer):
         * GIVE_UP keeps "at most once" (recorded FAILED, outcome unknown); RESEND sends again with the same Message-ID.
         */
        @WithDefault("GIVE_UP")
        UnknownOutcome unknownOutcome();
    }

    interface Sms {
        /** Sent as {@code X-Api-Key} to the gateway ({@code quarkus.rest-client.sms-gateway.url}). */
        @WithDefault("dev-sms-api-key")
        String apiKey();
    }

    enum UnknownOutcome { GIVE_UP, RESEND }
}
