package io.loginguard.ticket.support;

import static org.awaitility.Awaitility.await;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.Event;
import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.SealedParams;
import io.loginguard.events.TicketEvent;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.loginguard.testinfra.kafka.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The topics around ticket-service, as tests see them: snapshots in, events and notification requests out. */
public final class Kafka {
    public static final byte[] DEV_SEALING_KEY = Base64.getDecoder().decode("ZGV2LW9ubHktc2VhbGluZy1rZXktMDEyMzQ1Njc4OWE=");
    private static KafkaProbe probe;

    private Kafka() {
    }

    public static synchronized KafkaProbe probe() {
        if (probe == null) {
            probe = new KafkaProbe(SharedKafka.bootstrapServers());
        }
        return probe;
    }

    public static void publish(String topic, Event event) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, event);
        probe().send(topic, event.key(), EventJson.toBytes(event), headers.toArray());
    }

    public static AccountSnapshot account(String email, String phone, AccountSnapshot.Status status, Instant frozenAt,
                                          Set<AccountSnapshot.SecondFactor> factors) {
        return new AccountSnapshot(UUID.randomUUID(), Instant.now(), UUID.randomUUID().toString(), status, email, phone,
                true, phone != null, factors, null, frozenAt, "en", System.currentTimeMillis() * 1000, null);
    }

    public static List<NotificationRequested> notifications(String accountId) {
        return probe().read(Topics.NOTIFICATION_REQUESTS, accountId).stream()
                .map(r -> EventJson.fromBytes(r.value(), NotificationRequested.class)).toList();
    }

    public static List<TicketEvent> ticketEvents(String accountId) {
        return probe().read(Topics.TICKET_EVENTS, accountId).stream()
                .map(r -> EventJson.fromBytes(r.value(), TicketEvent.class)).toList();
    }

    /** Waits for the n-th (1-based) request of the template to the destination, and opens its sealed params. */
    public static Map<String, String> awaitSecret(String accountId, String template, String destination, int nth) {
        NotificationRequested[] found = new NotificationRequested[1];
        Predicate<NotificationRequested> match = n -> n.template().equals(template)
                && (destination == null || destination.equals(n.destination()));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<NotificationRequested> all = notifications(accountId).stream().filter(match).toList();
            if (all.size() >= nth) {
                found[0] = all.get(nth - 1);
                return true;
            }
            return false;
        });
        NotificationRequested n = found[0];
        return n.sealedParams() == null ? Map.of()
                : SealedParams.open(n.sealedParams(), n.requestId().toString(), Map.of("dev", DEV_SEALING_KEY));
    }
}
