package io.loginguard.auth.ticket;

import io.loginguard.auth.deadletter.DeadLetterCount;
import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.AccountEvents;
import io.loginguard.auth.admission.VerdictConsumer;
import io.loginguard.auth.factor.BackupCode;
import io.loginguard.auth.factor.SecondFactor;
import io.loginguard.auth.passkey.Passkey;
import io.loginguard.auth.session.Sessions;
import io.loginguard.events.EventJson;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.TicketEvent;
import io.loginguard.auth.db.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies what ticket-service's reviewers approved: REACTIVATE (a frozen account is active again),
 * TWO_FACTOR_RESET (second factors and backup codes removed, every session ended) and PHONE_CHANGE (the new,
 * code-proven number). Each event is applied exactly
 * once: its id goes into {@code applied_ticket_events} in the transaction of the change, so a redelivery or a
 * replay changes nothing. A record that is not a ticket event goes to {@code auth.dlq}; a database outage is
 * waited out, never dead-lettered.
 */
@ApplicationScoped
public class TicketApprovals {
    private static final Logger LOG = Logger.getLogger(TicketApprovals.class);

    private final AccountEvents events;
    private final Sessions sessions;
    private final Clock clock;
    private final DeadLetterCount deadLetters;

    public TicketApprovals(AccountEvents events, Sessions sessions, Clock clock, DeadLetterCount deadLetters) {
        this.deadLetters = deadLetters;
        this.events = events;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Incoming("ticket-events")
    @Blocking
    public void apply(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        TicketEvent event = deadLetters.read(record, v -> EventJson.fromBytes(v, TicketEvent.class)); // unreadable: auth.dlq
        if (event.type() != TicketEvent.Type.ACTION_APPROVED) {
            return;
        }
        // The change commits once; ending the sessions (Redis) is retried on its own until it succeeds: were the whole
        // step retried, the second try would find the event applied and leave a lost device's sessions alive.
        AtomicReference<Optional<UUID>> endSessionsOf = new AtomicReference<>();
        VerdictConsumer.retry(() -> {
            if (endSessionsOf.get() == null) {
                endSessionsOf.set(QuarkusTransaction.requiringNew().call(() -> applyOnce(event)));
            }
            endSessionsOf.get().ifPresent(id -> sessions.endAllBut(id, null, SecurityEvent.SessionEndReason.ADMIN, null));
            return true;
        }, "ticket approval " + event.eventId());
    }

    /** Returns the account whose sessions must end, if the approval asks for it. */
    private Optional<UUID> applyOnce(TicketEvent event) {
        int inserted = Sql.update("INSERT INTO applied_ticket_events (event_id, applied_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.eventId(), clock.instant());
        if (inserted == 0) {
            return Optional.empty(); // applied before: a redelivery or a replay
        }
        UUID accountId;
        try {
            accountId = UUID.fromString(event.accountId());
        } catch (IllegalArgumentException e) {
            LOG.warnf("ticket approval %s names no account id: ignored", event.eventId());
            return Optional.empty();
        }
        Optional<Account> found = Account.findByIdOptional(accountId);
        if (found.isEmpty()) {
            LOG.warnf("ticket approval %s is for an unknown account: ignored", event.eventId());
            return Optional.empty();
        }
        Account a = found.get();
        return switch (event.action()) {
            case REACTIVATE -> reactivate(a, event);
            case TWO_FACTOR_RESET -> resetSecondFactors(a, event);
            case PHONE_CHANGE -> changePhone(a, event);
            default -> Optional.empty(); // IDENTITY_CONFIRMED and RESTRICTION_LIFTED are risk's
        };
    }

    /**
     * A reviewer confirmed the person and ticket-service proved the new number with a code: it becomes the
     * account's. A number that meanwhile belongs to another account is not taken from it (logged; the case's owner
     * must choose another).
     */
    private Optional<UUID> changePhone(Account a, TicketEvent event) {
        String number = event.newPhone();
        if (number == null || !number.matches("\\+[1-9][0-9]{6,14}") || number.equals(a.phone)) {
            LOG.warnf("phone change approval %s for account %s carries no usable new number: ignored",
                    event.eventId(), a.id);
            return Optional.empty();
        }
        if (Account.findByPhone(number).filter(other -> !other.id.equals(a.id)).isPresent()) {
            LOG.warnf("phone change approval %s for account %s: the number belongs to another account; ignored",
                    event.eventId(), a.id);
            return Optional.empty();
        }
        a.phone = number;
        a.phoneVerified = true;
        a.updatedAt = clock.instant();
        a.update();
        events.changed(a, SecurityEvent.Type.PHONE_CHANGED, Map.of("case", event.caseId().toString()));
        LOG.infof("phone number of account %s changed by case %s", a.id, event.caseId());
        return Optional.empty();
    }

    private Optional<UUID> reactivate(Account a, TicketEvent event) {
        if (a.status != Account.Status.FROZEN) {
            return Optional.empty();
        }
        a.status = Account.Status.ACTIVE;
        a.frozenAt = null;
        a.updatedAt = clock.instant();
        a.update();
        events.changed(a, SecurityEvent.Type.ACCOUNT_REACTIVATED, Map.of("case", event.caseId().toString()));
        LOG.infof("account %s reactivated by case %s", a.id, event.caseId());
        return Optional.empty();
    }

    private Optional<UUID> resetSecondFactors(Account a, TicketEvent event) {
        SecondFactor.deleteAllOf(a.id);
        BackupCode.deleteAllOf(a.id);
        Passkey.deleteAllOf(a.id); // a passkey is a second factor too: a lost device may hold it
        a.updatedAt = clock.instant();
        a.update();
        events.changed(a, SecurityEvent.Type.TWO_FACTOR_RESET, Map.of("case", event.caseId().toString()));
        LOG.infof("second factors of account %s reset by case %s", a.id, event.caseId());
        return Optional.of(a.id);
    }
}
