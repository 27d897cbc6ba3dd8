package io.loginguard.notification.intake;

import io.loginguard.events.NotificationDelivery;
import io.loginguard.events.NotificationRequested;
import io.loginguard.notification.db.Retrying;
import io.loginguard.notification.db.Transactions;
import io.loginguard.notification.delivery.DeliveryStore;
import io.loginguard.notification.delivery.Dispatcher;
import io.loginguard.notification.delivery.NewDelivery;
import io.loginguard.notification.delivery.Outcomes;
import io.loginguard.notification.delivery.Source;
import io.loginguard.notification.delivery.Status;
import io.loginguard.notification.outbox.Outbox;
import io.loginguard.notification.outbox.SourceRecord;
import io.loginguard.notification.sealing.SealingKeys;
import io.loginguard.notification.template.MessageRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Turns a consumed record into a recorded message, in one transaction with its processed id: accepted (PENDING, the
 * dispatcher sends it), expired (a code already past its time), or refused (no such template or channel, a key we do
 * not have, a destination that is not one: FAILED, {@code NotificationDelivery} FAILED and the record dead-lettered).
 * A request id recorded before (a redelivery, a replay) changes nothing and publishes nothing.
 */
@ApplicationScoped
public class Intake {
    private static final Logger LOG = Logger.getLogger(Intake.class);

    private final Transactions tx;
    private final DeliveryStore store;
    private final Outbox outbox;
    private final MessageRenderer renderer;
    private final SealingKeys keys;
    private final Dispatcher dispatcher;
    private final Retrying retrying;
    private final Clock clock;

    public Intake(Transactions tx, DeliveryStore store, Outbox outbox, MessageRenderer renderer, SealingKeys keys,
                  Dispatcher dispatcher, Retrying retrying, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.outbox = outbox;
        this.renderer = renderer;
        this.keys = keys;
        this.dispatcher = dispatcher;
        this.retrying = retrying;
        this.clock = clock;
    }

    public void request(NotificationRequested r, SourceRecord record) {
        NewDelivery d = new NewDelivery(r.requestId(), Source.REQUEST, r.accountId(), r.channel(), r.destination(),
                r.template(), r.locale(), r.params(), r.sealedParams(), r.expiresAt(), false, r.occurredAt(), record);
        String problem = problem(r);
        if (problem != null) {
            record(d, Status.FAILED, problem, true);
        } else if (r.expiresAt() != null && !clock.instant().isBefore(r.expiresAt())) {
            record(d, Status.EXPIRED, "expired: the code's time had passed when the request arrived", false);
        } else {
            record(d, Status.PENDING, null, false);
        }
    }

    /** An alert to an account's owner (from a decision or a security event); too old to matter: recorded EXPIRED. */
    public void alert(NewDelivery d, boolean tooOld) {
        if (tooOld) {
            record(d, Status.EXPIRED, "expired: the event is older than the alert age limit", false);
        } else {
            record(d, Status.PENDING, null, false);
        }
    }

    private String problem(NotificationRequested r) {
        if (r.channel() == NotificationRequested.Channel.UNKNOWN) {
            return "unknown channel";
        }
        if (!renderer.exists(r.template())) {
            return "unknown template '" + r.template() + "'";
        }
        if (r.sealedParams() != null && !r.sealedParams().isBlank() && !keys.knows(r.sealedParams())) {
            return "sealed params name a key this service does not have";
        }
        if (r.destination() != null && !r.destination().isBlank() && !Destinations.valid(r.channel(), r.destination())) {
            return "destination is not " + (r.channel() == NotificationRequested.Channel.SMS ? "an E.164 number" : "an email address");
        }
        return null;
    }

    private void record(NewDelivery d, Status status, String error, boolean deadLetter) {
        boolean recorded = retrying.call("record request " + d.requestId(), () -> tx.call(c -> {
            Instant now = clock.instant();
            if (!store.insert(c, d, status, now)) {
                return false;
            }
            if (status != Status.PENDING) {
                DeliveryStore.log(c, d.requestId(), 0, status.name(), error, now);
                outbox.delivery(c, new NotificationDelivery(Outcomes.outcomeEventId(d.requestId()), now, d.accountId(),
                        d.requestId(), d.channel(), NotificationDelivery.Status.FAILED, 0, null, error));
                if (deadLetter && d.record() != null) {
                    outbox.deadLetter(c, d.record(), new Outcomes.DeliveryFailedException(error));
                }
            }
            return true;
        }));
        if (!recorded) {
            LOG.debugf("request %s was recorded before: nothing to do", d.requestId());
        } else if (status == Status.PENDING) {
            dispatcher.wakeUp();
        } else {
            LOG.infof("request %s (%s %s) recorded %s: %s", d.requestId(), d.channel(), d.template(), status, error);
        }
    }
}
