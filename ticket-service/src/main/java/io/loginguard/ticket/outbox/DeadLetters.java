package io.loginguard.ticket.outbox;

import io.loginguard.events.Topics;
import io.loginguard.kit.db.Transactions;
import io.loginguard.kit.outbox.DeadLetterLedger;
import io.loginguard.kit.outbox.SourceRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * A record that cannot be read at all goes to ticket.dlq, once: its position is recorded in the transaction of the
 * dead letter, so a redelivery does not send it twice (nor count it twice on /q/metrics:
 * {@code loginguard_dead_letters_total}, by the topic it came from).
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Transactions tx;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry registry;

    public DeadLetters(Transactions tx, Outbox outbox, Clock clock, MeterRegistry registry) {
        this.tx = tx;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
    }

    public void unreadable(SourceRecord record, Throwable why) {
        LOG.warnf("%s-%d@%d is not readable, dead-lettered: %s", record.topic(), record.partition(), record.offset(), why.getMessage());
        boolean[] written = new boolean[1];
        tx.run(c -> {
            written[0] = false;
            if (DeadLetterLedger.firstTime(c, record, why, clock.instant())) {
                outbox.deadLetter(c, record, why);
                written[0] = true;
            }
        });
        if (written[0]) {
            Counter.builder("loginguard.dead.letters")
                    .description("records sent to this service's dead-letter topic, by the topic they came from")
                    .tag("dlq", Topics.TICKET_DLQ).tag("source", record.topic()).register(registry).increment();
        }
    }
}
