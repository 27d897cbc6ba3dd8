package io.loginguard.notification.intake;

import io.loginguard.kit.db.Retrying;
import io.loginguard.kit.db.Transactions;
import io.loginguard.kit.outbox.DeadLetterLedger;
import io.loginguard.kit.outbox.SourceRecord;
import io.loginguard.notification.delivery.DeliveryMetrics;
import io.loginguard.notification.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * A record that cannot be read at all (not JSON, a required field missing) goes to notification.dlq, once: its
 * position is recorded in the same transaction as the dead letter, so a redelivery does not send it twice.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Transactions tx;
    private final Outbox outbox;
    private final Retrying retrying;
    private final Clock clock;
    private final DeliveryMetrics metrics;

    public DeadLetters(Transactions tx, Outbox outbox, Retrying retrying, Clock clock, DeliveryMetrics metrics) {
        this.tx = tx;
        this.metrics = metrics;
        this.outbox = outbox;
        this.retrying = retrying;
        this.clock = clock;
    }

    public void unreadable(SourceRecord record, Throwable why) {
        LOG.warnf("%s-%d@%d is not readable, dead-lettered: %s", record.topic(), record.partition(), record.offset(), why.getMessage());
        boolean[] written = new boolean[1]; // once committed: a redelivered record is not dead-lettered (nor counted) twice
        retrying.untilDone("dead-letter an unreadable record", () -> tx.run(c -> {
            written[0] = false;
            if (DeadLetterLedger.firstTime(c, record, why, clock.instant())) {
                outbox.deadLetter(c, record, why);
                written[0] = true;
            }
        }));
        if (written[0]) {
            metrics.deadLettered(record.topic());
        }
    }
}
