package io.loginguard.ticket.config;

import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.TicketPolicy.DevKeys;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Refuses to start a production run with a development key: identity documents encrypted with a published key are
 * not encrypted, and codes sealed with one can be opened by anyone reading notification.requests.
 */
@ApplicationScoped
public class StartupChecks {
    private static final Logger LOG = Logger.getLogger(StartupChecks.class);

    private final TicketPolicy policy;

    public StartupChecks(TicketPolicy policy) {
        this.policy = policy;
    }

    void check(@Observes StartupEvent event) {
        Keys.aes256(policy.uploads().encryptionKey(), "loginguard.ticket.uploads.encryption-key");
        Keys.aes256(policy.sealing().key(), "loginguard.ticket.sealing.key");
        List<String> problems = problems(LaunchMode.current() == LaunchMode.NORMAL, policy);
        if (!problems.isEmpty()) {
            String why = String.join("; ", problems);
            LOG.error(why);
            throw new IllegalStateException(why);
        }
    }

    /** What a run in production must not start with. */
    public static List<String> problems(boolean production, TicketPolicy policy) {
        List<String> problems = new ArrayList<>();
        if (!production) {
            return problems;
        }
        if (DevKeys.FILES_KEY.equals(policy.uploads().encryptionKey().trim())) {
            problems.add("loginguard.ticket.uploads.encryption-key is the development default: set "
                    + "LOGINGUARD_TICKET_UPLOADS_ENCRYPTION_KEY (base64 of 32 random bytes), or the identity documents at rest "
                    + "are readable by anyone with the database");
        }
        if (DevKeys.SEALING_KEY.equals(policy.sealing().key().trim())) {
            problems.add("loginguard.ticket.sealing.key is the development default: set LOGINGUARD_TICKET_SEALING_KEY "
                    + "(the key notification-service knows under LOGINGUARD_TICKET_SEALING_KEY_ID)");
        }
        if (policy.reviewers().bootstrapPassword().map(DevKeys.REVIEWER_PASSWORD::equals).orElse(false)) {
            problems.add("loginguard.ticket.reviewers.bootstrap-password is the development default");
        }
        return problems;
    }
}
