package io.loginguard.notification.intake;

import io.loginguard.events.NotificationDelivery;
import io.loginguard.events.NotificationRequested;
import io.loginguard.kit.db.Retrying;
import io.loginguard.kit.db.Transactions;
import io.loginguard.kit.outbox.SourceRecord;
import io.loginguard.notification.delivery.DeliveryMetrics;
import io.loginguard.notification.delivery.DeliveryStore;
import io.loginguard.notification.delivery.Dispatcher;
import io.loginguard.notification.delivery.NewDelivery;
import io.loginguard.notification.delivery.Outcomes;
import io.loginguard.notification.delivery.Source;
import io.loginguard.notification.delivery.Status;
import io.loginguard.notification.outbox.Outbox;
import io.loginguard.notification.sealing.SealingKeys;
import io.loginguard.notification.template.MessageRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns a consumed record into a recorded message, in one transaction with its processed id: accepted (PENDING, the
 * dispatcher sends it), expired (a code already past its time), or refused (no such template or channel, a key we do
 * not have, a destination that is not one: FAILED, {@code NotificationDelivery} FAILED and the record dead-lettered).
 * A request id recorded before (a redelivery, a replay) changes nothing and publishes nothing. The requests of one
 * poll are recorded together (one statement when all are accepted), each with its processed id.
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
    private final DeliveryMetrics metrics;

    public Intake(Transactions tx, DeliveryStore store, Outbox outbox, MessageRenderer renderer, SealingKeys keys,
                  Dispatcher dispatcher, Retrying retrying, Clock clock, DeliveryMetrics metrics) {
        this.tx = tx;
        this.store = store;
        this.outbox = outbox;
        this.renderer = renderer;
        this.keys = keys;
        this.dispatcher = dispatcher;
        this.retrying = retrying;
        this.clock = clock;
        this.metrics = metrics;
    }

    public void request(NotificationRequested r, SourceRecord record) {
        requests(List.of(new Received(r, record)));
    }

    /**
     * The requests of one poll, recorded together: when all are accepted (the usual case) in ONE statement, one
     * round trip and one commit for the whole poll; otherwise in one transaction with the refusals' log lines,
     * outcomes and dead letters.
     */
    public void requests(List<Received> received) {
        List<Intended> batch = new ArrayList<>(received.size());
        for (Received in : received) {
            NotificationRequested r = in.request();
            NewDelivery d = new NewDelivery(r.requestId(), Source.REQUEST, r.accountId(), r.channel(), r.destination(),
                    r.template(), r.locale(), r.params(), r.sealedParams(), r.expiresAt(), false, r.occurredAt(), in.record());
            String problem = problem(r);
            if (problem != null) {
                batch.add(new Intended(d, Status.FAILED, problem, true));
            } else if (r.expiresAt() != null && !clock.instant().isBefore(r.expiresAt())) {
                batch.add(new Intended(d, Status.EXPIRED, "expired: the code's time had passed when the request arrived", false));
            } else {
                batch.add(new Intended(d, Status.PENDING, null, false));
            }
        }
        record(batch);
    }

    /** An alert to an account's owner (from a decision or a security event); too old to matter: recorded EXPIRED. */
    public void alert(NewDelivery d, boolean tooOld) {
        if (tooOld) {
            record(List.of(new Intended(d, Status.EXPIRED, "expired: the event is older than the alert age limit", false)));
        } else {
            record(List.of(new Intended(d, Status.PENDING, null, false)));
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

    private void record(List<Intended> all) {
        if (all.isEmpty()) {
            return;
        }
        // the same id twice in one poll (a redelivery right behind its original): the first is the one recorded
        Map<UUID, Intended> byId = new LinkedHashMap<>();
        all.forEach(i -> byId.putIfAbsent(i.delivery().requestId(), i));
        List<Intended> batch = List.copyOf(byId.values());
        List<NewDelivery> accepted = batch.stream().filter(i -> i.status() == Status.PENDING).map(Intended::delivery).toList();
        List<Intended> refused = batch.stream().filter(i -> i.status() != Status.PENDING).toList();
        String what = batch.size() == 1 ? "record request " + batch.get(0).delivery().requestId() : "record " + batch.size() + " requests";
        Set<UUID> recorded = retrying.call(what, () -> refused.isEmpty()
                ? tx.single(c -> store.insertAll(c, accepted, Status.PENDING, clock.instant()))
                : tx.call(c -> {
                    Instant now = clock.instant();
                    Set<UUID> inserted = new HashSet<>(store.insertAll(c, accepted, Status.PENDING, now));
                    for (Intended i : refused) {
                        NewDelivery d = i.delivery();
                        if (!store.insert(c, d, i.status(), now)) {
                            continue;
                        }
                        inserted.add(d.requestId());
                        DeliveryStore.log(c, d.requestId(), 0, i.status().name(), i.error(), now);
                        outbox.delivery(c, new NotificationDelivery(Outcomes.outcomeEventId(d.requestId()), now, d.accountId(),
                                d.requestId(), d.channel(), NotificationDelivery.Status.FAILED, 0, null, i.error()));
                        if (i.deadLetter() && d.record() != null) {
                            outbox.deadLetter(c, d.record(), new Outcomes.DeliveryFailedException(i.error()));
                        }
                    }
                    return inserted;
                }));
        boolean wake = false;
        for (Intended i : batch) {
            NewDelivery d = i.delivery();
            if (!recorded.contains(d.requestId())) {
                LOG.debugf("request %s was recorded before: nothing to do", d.requestId());
            } else if (i.status() == Status.PENDING) {
                wake = true;
            } else {
                LOG.infof("request %s (%s %s) recorded %s: %s", d.requestId(), d.channel(), d.template(), i.status(), i.error());
                metrics.finished(d.channel(), i.status());
                if (i.deadLetter() && d.record() != null) {
                    metrics.deadLettered(d.record().topic());
                }
            }
        }
        if (wake) {
            dispatcher.wakeUp();
        }
    }

    /** A request as it was read, with the record it came in. */
    public record Received(NotificationRequested request, SourceRecord record) {
    }

    /** What a record becomes: accepted (PENDING), or refused or expired at once (with why, and whether it is dead-lettered). */
    private record Intended(NewDelivery delivery, Status status, String error, boolean deadLetter) {
    }
}
