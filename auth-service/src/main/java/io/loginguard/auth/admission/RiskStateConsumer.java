package io.loginguard.auth.admission;

import io.loginguard.auth.deadletter.DeadLetterCount;
import io.loginguard.events.AccountRiskState;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the gate current with risk's compacted account state, so lock changes that come with no attempt (an
 * unlock after a ticket's approval, a forgotten key) reach it too. A record that is not a state goes to
 * {@code auth.dlq} (the channel's failure strategy) and the consumer goes on.
 */
@ApplicationScoped
public class RiskStateConsumer {
    private final RiskProjection projection;
    private final DeadLetterCount deadLetters;

    public RiskStateConsumer(RiskProjection projection, DeadLetterCount deadLetters) {
        this.projection = projection;
        this.deadLetters = deadLetters;
    }

    @Incoming("risk-account-state")
    @Blocking
    public void apply(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        if (record.key() == null) {
            return; // nothing to apply it to; compaction drops keyless records anyway
        }
        AccountRiskState state = deadLetters.read(record, RiskProjection::parse); // unreadable: DLQ
        VerdictConsumer.retry(() -> {
            projection.apply(record.key(), state);
            return true;
        }, "risk state of " + record.key());
    }
}
