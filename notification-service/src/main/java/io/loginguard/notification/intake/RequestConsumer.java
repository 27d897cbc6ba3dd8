package io.loginguard.notification.intake;

import io.loginguard.events.EventFormatException;
import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationRequested;
import io.loginguard.kit.outbox.SourceRecord;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * notification.requests: codes, links and case mail asked for by auth and ticket. Recording is all this consumer
 * does (a millisecond's insert), so a slow SMTP server or gateway never holds up the partition; the dispatcher sends.
 * Records come a poll at a time ({@code batch=true}): the poll's requests are recorded in one statement, and its
 * offsets are committed after that.
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
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<Intake.Received> received = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            SourceRecord source = SourceRecord.of(record);
            try {
                received.add(new Intake.Received(EventJson.fromBytes(record.value(), NotificationRequested.class), source));
            } catch (EventFormatException e) {
                deadLetters.unreadable(source, e);
            }
        }
        intake.requests(received);
    }
}
