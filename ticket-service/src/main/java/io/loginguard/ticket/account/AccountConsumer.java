package io.loginguard.ticket.account;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.EventJson;
import io.loginguard.kit.db.Retrying;
import io.loginguard.kit.outbox.SourceRecord;
import io.loginguard.ticket.outbox.DeadLetters;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the account projection from the compacted auth.accounts; a record that is not a snapshot goes to ticket.dlq. */
@ApplicationScoped
public class AccountConsumer {
    private final AccountProjection accounts;
    private final DeadLetters deadLetters;
    private final Retrying retrying;

    public AccountConsumer(AccountProjection accounts, DeadLetters deadLetters, Retrying retrying) {
        this.accounts = accounts;
        this.deadLetters = deadLetters;
        this.retrying = retrying;
    }

    @Incoming("auth-accounts")
    @Blocking
    public void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                retrying.untilDone("forget a deleted account", () -> accounts.forget(record.key()));
            }
            return;
        }
        AccountSnapshot snapshot;
        try {
            snapshot = EventJson.fromBytes(record.value(), AccountSnapshot.class);
        } catch (RuntimeException e) {
            retrying.untilDone("dead-letter an unreadable record", () -> deadLetters.unreadable(SourceRecord.of(record), e));
            return;
        }
        retrying.untilDone("apply an account snapshot", () -> accounts.apply(snapshot));
    }
}
