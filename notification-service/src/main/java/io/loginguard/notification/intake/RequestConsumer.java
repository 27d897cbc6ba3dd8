package io.loginguard.notification.intake;

import io.loginguard.events.EventFormatException;
import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationRequested;
import io.loginguard.notification.outbox.SourceRecord;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * notification.requests: codes, links and case mail asked for by auth and ticket. Recording is all this consumer
 * does (a millisecond's insert), so a slow SMTP server or gateway never holds up the partition; the dispatcher sends.
 */
@ApplicationScoped
public class RequestConsumer {
    private final Intake intake;
    private final DeadLetters deadLetters;

    public RequestConsumer(Intake intake, DeadLetters deadLetters) {
        this.intake = intake;
        this.deadLetters = deadLetters;
    }

    @Incoming("notification-requests")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        SourceRecord source = SourceRecord.of(record);
        NotificationRequested request;
        try {
            request = EventJson.fromBytes(record.value(), NotificationRequested.class);
        } catch (EventFormatException e) {
            deadLetters.unreadable(source, e);
            return;
        }
        intake.request(request, source);
    }
}
