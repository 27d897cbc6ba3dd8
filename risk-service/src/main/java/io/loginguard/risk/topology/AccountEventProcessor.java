package io.loginguard.risk.topology;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.Event;
import io.loginguard.events.EventFormatException;
import io.loginguard.events.EventJson;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.TicketEvent;
import io.loginguard.events.Topics;
import io.loginguard.risk.engine.AccountEventPolicy;
import io.loginguard.risk.engine.AccountEventPolicy.Change;
import io.loginguard.risk.engine.RecentInputs;
import io.loginguard.risk.engine.RiskProfile;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the events that are not login attempts (ticket.events, auth.security-events, auth.accounts) to the same
 * account stores as the attempts: the topics are co-partitioned with auth.login-attempts (keyed by account id, the
 * same partition count), so one task holds every record of an account. Each event is remembered by its id among the
 * account's latest inputs, with what it emitted ({@link AccountStore}): read again, it sends the same records and
 * changes nothing. A record that is not a valid event of its
 * topic, or whose key is not its account, goes to the DLQ and processing goes on.
 */
final class AccountEventProcessor implements Processor<String, byte[], String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(AccountEventProcessor.class);
    private static final Instant LATEST_OCCURRED_AT = Instant.parse("9999-12-31T23:59:59Z");

    private final AccountEventPolicy policy;
    private final int remembered;
    private final RiskMetrics metrics;
    private ProcessorContext<String, Object> context;
    private RecordOutput output;
    private AccountStore accounts;

    /** @param remembered input ids remembered per account (RiskSettings.rememberedAttempts) */
    AccountEventProcessor(AccountEventPolicy policy, int remembered, RiskMetrics metrics) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.remembered = remembered;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.output = new RecordOutput(context, RiskTopology.ACCOUNT_EVENTS_DLQ_SINK, metrics);
        this.accounts = new AccountStore(context.getStateStore(RiskTopology.ACCOUNT_STORE));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (record.value() == null && Topics.ACCOUNTS.equals(topic)) {
            return; // a compacted topic's tombstone: auth forgot the account, and there is nothing to apply
        }
        Event event;
        try {
            event = parse(topic, record);
        } catch (EventFormatException e) {
            output.deadLetter(record, e);
            return;
        }
        try {
            apply(record, event);
        } catch (RuntimeException e) {
            LOG.error("risk rules failed on event {} of {}", event.eventId(), topic, e);
            output.deadLetter(record, e);
        }
    }

    private void apply(Record<String, byte[]> record, Event event) {
        String key = record.key();
        RiskEntry entry = accounts.account(key);
        AccountRiskState current = entry == null ? null : entry.state();
        RiskProfile profile = entry == null ? null : entry.profile();
        UUID id = event.eventId();
        String traceparent = RecordOutput.traceparent(record);
        Optional<RiskEntry> earlier = accounts.remembered(key, profile, id);
        if (earlier.isPresent()) {
            // applied before (read again after a crash under at-least-once, or sent twice): the same records again
            output.resend(record, earlier.get(), traceparent, null, RiskTopology.ACCOUNT_EVENTS_STATE_SINK,
                    RiskTopology.ACCOUNT_EVENTS_DECISIONS_SINK);
            return;
        }
        Change change;
        if (event instanceof TicketEvent t) {
            change = policy.onTicket(current, profile, t);
        } else if (event instanceof SecurityEvent s) {
            change = policy.onSecurityEvent(current, profile, s);
        } else {
            change = policy.onAccountSnapshot(current, profile, (AccountSnapshot) event);
        }
        RecentInputs.Added added = change.profile().recentAttempts().adding(id, remembered);
        RiskProfile after = change.profile().toBuilder().recentAttempts(added.inputs()).build();
        accounts.apply(key, RiskEntry.outputs(id, null, change.state(), change.decisions(), null, null),
                added.forgotten(), change.state() != null ? change.state() : current, after);
        if (change.state() != null) {
            output.emit(record, change.state(), traceparent, RiskTopology.ACCOUNT_EVENTS_STATE_SINK);
        }
        for (RiskDecision decision : change.decisions()) {
            output.emit(record, decision, traceparent, RiskTopology.ACCOUNT_EVENTS_DECISIONS_SINK);
        }
    }

    /** The key must be the event's account: it chose the partition, and so the task that holds the account. */
    static Event parse(String topic, Record<String, byte[]> record) {
        Event event = switch (topic) {
            case Topics.TICKET_EVENTS -> EventJson.fromBytes(record.value(), TicketEvent.class);
            case Topics.SECURITY_EVENTS -> EventJson.fromBytes(record.value(), SecurityEvent.class);
            case Topics.ACCOUNTS -> EventJson.fromBytes(record.value(), AccountSnapshot.class);
            default -> throw new EventFormatException("no events expected from topic " + topic, null);
        };
        if (!event.key().equals(record.key()) || !RiskEntry.isAccountKey(record.key())) {
            throw new EventFormatException(event.getClass().getSimpleName() + ": record key does not match its account",
                    null);
        }
        if (event.occurredAt().isBefore(Instant.EPOCH) || event.occurredAt().isAfter(LATEST_OCCURRED_AT)) {
            throw new EventFormatException(event.getClass().getSimpleName() + ": occurredAt out of range: "
                    + event.occurredAt(), null);
        }
        return event;
    }
}
