package io.loginguard.notification.intake;

import io.loginguard.events.EventFormatException;
import io.loginguard.events.EventJson;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.SecurityEvent;
import io.loginguard.kit.outbox.SourceRecord;
import io.loginguard.notification.config.NotificationConfig;
import io.loginguard.notification.delivery.NewDelivery;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** risk.decisions and auth.security-events: what the account's owner must be told (see {@link AlertCatalog}). */
@ApplicationScoped
public class AlertConsumer {
    private final Intake intake;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final Duration maxAge;

    public AlertConsumer(Intake intake, DeadLetters deadLetters, Clock clock, NotificationConfig config) {
        this.intake = intake;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.maxAge = config.alerts().maxAge();
    }

    @Incoming("risk-decisions")
    @Blocking
    public void decision(ConsumerRecord<String, byte[]> record) {
        SourceRecord source = SourceRecord.of(record);
        try {
            take(AlertCatalog.of(EventJson.fromBytes(record.value(), RiskDecision.class), source));
        } catch (EventFormatException e) {
            deadLetters.unreadable(source, e);
        }
    }

    @Incoming("auth-security-events")
    @Blocking
    public void securityEvent(ConsumerRecord<String, byte[]> record) {
        SourceRecord source = SourceRecord.of(record);
        try {
            take(AlertCatalog.of(EventJson.fromBytes(record.value(), SecurityEvent.class), source));
        } catch (EventFormatException e) {
            deadLetters.unreadable(source, e);
        }
    }

    private void take(Optional<NewDelivery> alert) {
        alert.ifPresent(a -> intake.alert(a, a.occurredAt().plus(maxAge).isBefore(clock.instant())));
    }
}
