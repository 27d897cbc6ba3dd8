package io.loginguard.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The numbers notification-service will enforce once delivery exists, with the seed's values as
 * defaults. Nothing reads them yet besides startup validation; they live here so the service's
 * contract (and its config keys) is written down before the code that uses them.
 */
@ConfigMapping(prefix = "loginguard.notification")
public interface NotificationPolicy {

    /** Email sender: people must not answer a security email. */
    @WithDefault("do-not-reply@loginguard.local")
    String sender();

    /** Limits per destination (one email address or one phone number), whatever the account. */
    PerDestination perDestination();

    interface PerDestination {

        /** At most one message a minute to one destination (the seed's resend limit). */
        @WithDefault("1")
        int maxPerMinute();

        /** At most five messages an hour to one destination (the seed's resend limit). */
        @WithDefault("5")
        int maxPerHour();
    }
}
