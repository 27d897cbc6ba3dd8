package io.loginguard.ticket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The time limits ticket-service will enforce once cases exist, with the seed's values as defaults.
 * Nothing reads them yet besides startup validation; they live here so the service's contract (and
 * its config keys) is written down before the code that uses them.
 */
@ConfigMapping(prefix = "loginguard.ticket")
public interface TicketPolicy {

    /** Appeals ("Account issues, Unable to log in"). */
    Appeal appeal();

    /** Reactivation of a frozen account. */
    Reactivation reactivation();

    /** Two-factor reset when the authenticator is lost. */
    TwoFactorReset twoFactorReset();

    interface Appeal {

        /** A reviewer answers an appeal within 24 hours. */
        @WithDefault("PT24H")
        Duration firstReplyWithin();

        /** Resolution window promised to the person: from 12 hours... */
        @WithDefault("PT12H")
        Duration resolutionMin();

        /** ...to 48 hours after the appeal. */
        @WithDefault("PT48H")
        Duration resolutionMax();
    }

    interface Reactivation {

        /** A frozen account can ask for reactivation only from 2 hours after the freeze. */
        @WithDefault("PT2H")
        Duration notBeforeAfterFreeze();
    }

    interface TwoFactorReset {

        /** A reviewer decides on a 2FA reset within 7 days; withdrawals stay held meanwhile. */
        @WithDefault("P7D")
        Duration reviewWithin();
    }
}
