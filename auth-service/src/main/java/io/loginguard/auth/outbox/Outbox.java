package io.loginguard.auth.outbox;

import io.loginguard.events.Event;
import io.loginguard.events.EventJson;
import io.loginguard.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
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

    public Outbox(Clock clock, OutboxRelay relay) {
        this.clock = clock;
        this.relay = relay;
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
        r.persist();
        relay.wakeUp();
    }
}
