package io.loginguard.auth.outbox;

import io.loginguard.events.Event;
import io.loginguard.events.EventJson;
import io.loginguard.events.EventTypes;
import io.loginguard.events.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Writes an event into the outbox in the caller's transaction, so the change and its event commit together or
 * not at all (the debezium outbox pattern: one table, one relay, consumers dedupe by event id).
 */
@ApplicationScoped
public class Outbox {
    private final Clock clock;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    public Outbox(Clock clock, OutboxRelay relay, TransactionSynchronizationRegistry transactions) {
        this.clock = clock;
        this.relay = relay;
        this.transactions = transactions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String topic, Event event) {
        OutboxRecord r = new OutboxRecord();
        r.eventId = event.eventId();
        r.topic = topic;
        r.recordKey = event.key();
        r.ceType = EventTypes.of(event.getClass()).ceType();
        r.payload = EventJson.toBytes(event);
        r.createdAt = clock.instant();
        r.traceparent = TraceContext.current(); // the trace goes on in the record the relay sends
        r.insert();
        // the relay can see the row only once it is committed: wake it then, not now (the poll is a safety net)
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
