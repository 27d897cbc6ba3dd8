package io.loginguard.notification.contact;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.EventJson;
import io.loginguard.kit.db.Retrying;
import io.loginguard.kit.outbox.SourceRecord;
import io.loginguard.notification.intake.DeadLetters;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the contact projection from the compacted auth.accounts; a record that is not a snapshot is dead-lettered. */
@ApplicationScoped
public class ContactConsumer {
    private final ContactStore contacts;
    private final DeadLetters deadLetters;
    private final Retrying retrying;

    public ContactConsumer(ContactStore contacts, DeadLetters deadLetters, Retrying retrying) {
        this.contacts = contacts;
        this.deadLetters = deadLetters;
        this.retrying = retrying;
    }

    @Incoming("auth-accounts")
    @Blocking
    public void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                retrying.untilDone("forget a deleted account's contact", () -> contacts.forget(record.key()));
            }
            return;
        }
        AccountSnapshot snapshot;
        try {
            snapshot = EventJson.fromBytes(record.value(), AccountSnapshot.class);
        } catch (RuntimeException e) {
            deadLetters.unreadable(SourceRecord.of(record), e);
            return;
        }
        retrying.untilDone("apply an account snapshot", () -> contacts.apply(snapshot));
    }
}
