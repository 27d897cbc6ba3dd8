package io.loginguard.ticket.notify;

import io.loginguard.events.NotificationRequested;
import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.events.SealedParams;
import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.config.Keys;
import io.loginguard.ticket.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Asks notification-service to write to the person, through the outbox in the caller's transaction. Codes, case
 * tokens and reviewers' words travel sealed ({@link SealedParams}, the request id as associated data); the clear
 * params hold only what may be read on the topic. Templates (notification-service):
 * {@code case-code}, {@code case-opened}, {@code case-info-requested}, {@code case-resolved}.
 */
@ApplicationScoped
public class PersonNotifier {
    public static final String CASE_CODE = "case-code";
    public static final String CASE_OPENED = "case-opened";
    public static final String CASE_INFO_REQUESTED = "case-info-requested";
    public static final String CASE_RESOLVED = "case-resolved";

    private final Outbox outbox;
    private final Clock clock;
    private final String keyId;
    private final byte[] key;

    public PersonNotifier(Outbox outbox, Clock clock, TicketPolicy policy) {
        this.outbox = outbox;
        this.clock = clock;
        this.keyId = policy.sealing().keyId();
        this.key = Keys.aes256(policy.sealing().key(), "loginguard.ticket.sealing.key");
    }

    public void send(Connection c, Message m) throws SQLException {
        UUID requestId = UUID.randomUUID();
        String sealed = m.secret().isEmpty() ? null : SealedParams.seal(m.secret(), requestId.toString(), keyId, key);
        Instant now = clock.instant();
        outbox.notification(c, new NotificationRequested(UUID.randomUUID(), now, m.accountId(), requestId, m.channel(),
                m.destination(), m.template(), m.locale(), m.params(), sealed, m.expiresAt()));
    }

    /** One message: where, which template, clear params, sealed values; {@code expiresAt} for codes. */
    public record Message(String accountId, Channel channel, String destination, String template, String locale,
                          Map<String, String> params, Map<String, String> secret, Instant expiresAt) {
    }
}
