package io.loginguard.auth.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.loginguard.auth.db.Sql;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The outbox on the real PostgreSQL and broker: commit together, relay at least once, never lose one. */
@QuarkusTest
class OutboxTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Test
    void anEventCommittedWithItsChangeReachesItsTopicWithCloudEventsHeaders() {
        String account = UUID.randomUUID().toString();
        SecurityEvent event = event(account);
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(Topics.SECURITY_EVENTS, event));
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !kafka.read(Topics.SECURITY_EVENTS, account).isEmpty());
            ConsumerRecord<String, byte[]> r = kafka.read(Topics.SECURITY_EVENTS, account).get(0);
            assertThat(EventJson.fromBytes(r.value(), SecurityEvent.class)).isEqualTo(event);
            assertThat(CloudEventHeaders.attributes(r.headers())).hasValueSatisfying(a ->
                    assertThat(a.type()).isEqualTo("loginguard.auth.SecurityEvent.v1"));
        }
    }

    @Test
    void anEventWhoseTransactionRolledBackIsNeverSent() {
        String account = UUID.randomUUID().toString();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(Topics.SECURITY_EVENTS, event(account));
            throw new IllegalStateException("the change failed");
        })).hasMessageContaining("the change failed");
        String marker = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(Topics.SECURITY_EVENTS, event(marker)));
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !kafka.read(Topics.SECURITY_EVENTS, marker).isEmpty());
            assertThat(kafka.read(Topics.SECURITY_EVENTS, account)).isEmpty();
        }
    }

    @Test
    void aRelayKilledBetweenSendAndCommitResendsAndConsumersSeeEveryEventOnce() {
        String account = UUID.randomUUID().toString();
        List<SecurityEvent> events = List.of(event(account), event(account), event(account));
        relay.pause(); // the background relay must not take the rows first
        try {
            QuarkusTransaction.requiringNew().run(() -> events.forEach(e -> outbox.enqueue(Topics.SECURITY_EVENTS, e)));
            assertThatThrownBy(() -> relay.relayBatch(sent -> {
                throw new IllegalStateException("killed after the broker acknowledged, before the delete committed");
            })).hasMessageContaining("killed");
        } finally {
            relay.resume();
        }
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            // the restarted relay sends the batch again: the topic holds each event twice, ids dedupe it
            await().atMost(Duration.ofSeconds(20)).until(() -> kafka.read(Topics.SECURITY_EVENTS, account).size() == 6);
            Map<UUID, Long> byId = kafka.read(Topics.SECURITY_EVENTS, account).stream()
                    .map(r -> EventJson.fromBytes(r.value(), SecurityEvent.class).eventId())
                    .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            Set<UUID> expected = events.stream().map(SecurityEvent::eventId).collect(Collectors.toSet());
            assertThat(byId.keySet()).isEqualTo(expected);
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> Sql.count("SELECT count(*) FROM outbox WHERE record_key = ?", account))).isZero();
    }

    private static SecurityEvent event(String account) {
        return new SecurityEvent(UUID.randomUUID(), Instant.now(), account, SecurityEvent.Type.ACCOUNT_REGISTERED,
                null, null, null, null, Map.of());
    }
}
