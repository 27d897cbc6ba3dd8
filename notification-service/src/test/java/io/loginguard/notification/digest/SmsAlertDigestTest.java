package io.loginguard.notification.digest;

import static io.loginguard.notification.support.Fixtures.outcomes;
import static io.loginguard.notification.support.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.loginguard.events.NotificationDelivery;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.Topics;
import io.loginguard.notification.contact.ContactStore;
import io.loginguard.notification.delivery.DeliveryStore;
import io.loginguard.notification.delivery.Status;
import io.loginguard.notification.support.Fixtures;
import io.loginguard.notification.support.TestServers;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.loginguard.testinfra.sms.SmsGatewaySimulator;
import io.loginguard.testinfra.sms.SmsMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-number limit for alerts that go by SMS (an account registered by phone only): alerts beyond the limit are
 * folded into ONE digest text once the window has room, so the phone gets exactly the limit plus one message; a code
 * over the limit is refused (RATE_LIMITED), never folded into that digest.
 */
@QuarkusTest
@TestProfile(SmallSmsLimitProfile.class)
class SmsAlertDigestTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int LIMIT = SmallSmsLimitProfile.SMS_LIMIT;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ContactStore contacts;

    @Inject
    DeliveryStore deliveries;

    @Inject
    AgroalDataSource db;

    KafkaProbe kafka;
    SmsGatewaySimulator sms = TestServers.sms();

    @BeforeEach
    void probe() {
        kafka = new KafkaProbe(bootstrap);
        sms.reset();
    }

    @AfterEach
    void close() {
        sms.reset();
        kafka.close();
    }

    private String phoneOnlyAccount(String phone) {
        String account = Fixtures.account();
        publish(kafka, Topics.ACCOUNTS, Fixtures.snapshot(account, null, phone, "en", "otter", 1));
        await().atMost(WAIT).until(() -> contacts.find(account).isPresent());
        return account;
    }

    private static SecurityEvent twoFactorDisabled(String account, int i) {
        return new SecurityEvent(UUID.randomUUID(), Instant.now(), account, SecurityEvent.Type.TWO_FACTOR_DISABLED,
                null, null, "192.0.2." + i, null, Map.of("factor", "SMS"));
    }

    private long count(List<UUID> ids, Status status) {
        return ids.stream().filter(id -> deliveries.status(id).orElse(null) == status).count();
    }

    @Test
    void alertsBeyondTheSmsLimitAreFoldedIntoOneDigestAndACodeIsNeverFolded() throws SQLException {
        String phone = Fixtures.phone();
        String account = phoneOnlyAccount(phone);
        int alerts = LIMIT + 3;
        List<SecurityEvent> events = IntStream.range(0, alerts).mapToObj(i -> twoFactorDisabled(account, i)).toList();
        List<UUID> ids = events.stream().map(SecurityEvent::eventId).toList();
        events.forEach(e -> publish(kafka, Topics.SECURITY_EVENTS, e));

        // the limit's worth goes out as texts, the rest waits folded
        await().atMost(WAIT).until(() -> count(ids, Status.DELIVERED) == LIMIT && count(ids, Status.FOLDED) == alerts - LIMIT);
        assertThat(sms.messagesTo(phone)).hasSize(LIMIT);

        // a code to the same full number, while the window is still full: refused, not folded
        NotificationRequested code = Fixtures.loginCode(account, Channel.SMS, phone, "424242");
        publish(kafka, Topics.NOTIFICATION_REQUESTS, code);
        await().atMost(WAIT).until(() -> !outcomes(kafka, code.requestId()).isEmpty());
        NotificationDelivery refused = outcomes(kafka, code.requestId()).get(0);
        assertThat(refused.status()).isEqualTo(NotificationDelivery.Status.FAILED);
        assertThat(refused.error()).startsWith("rate_limited");
        assertThat(deliveries.status(code.requestId())).contains(Status.RATE_LIMITED);

        // the window frees a slot: one digest for the folded alerts, and nothing more after it
        await().atMost(WAIT).until(() -> sms.messagesTo(phone).size() == LIMIT + 1);
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> sms.messagesTo(phone).size() == LIMIT + 1);

        List<String> alertKeys = ids.stream().map(UUID::toString).toList();
        List<SmsMessage> digests = sms.messagesTo(phone).stream().filter(m -> !alertKeys.contains(m.idempotencyKey())).toList();
        assertThat(digests).singleElement().satisfies(m -> assertThat(m.text())
                .isEqualTo("Loginguard: " + (alerts - LIMIT) + " security alerts about your account. If this was not you, "
                        + "change your password and freeze your account."));
        assertThat(count(ids, Status.DIGESTED)).isEqualTo(alerts - LIMIT);
        assertThat(count(ids, Status.DELIVERED)).isEqualTo(LIMIT);
        UUID digestId = UUID.fromString(digests.get(0).idempotencyKey());
        assertThat(deliveries.status(digestId)).contains(Status.DELIVERED);
        assertThat(digestIdsOf(ids)).as("every folded alert went into that one digest").containsExactly(digestId);
        assertThat(deliveries.status(code.requestId())).as("a code is never folded into a digest").contains(Status.RATE_LIMITED);
        assertThat(sms.messagesTo(phone)).noneMatch(m -> m.text().contains("424242"));
        assertThat(sms.messagesTo(phone)).noneMatch(m -> code.requestId().toString().equals(m.idempotencyKey()));
    }

    private List<UUID> digestIdsOf(List<UUID> alertIds) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT digest_id FROM deliveries WHERE request_id = ANY (?) AND status = 'DIGESTED'")) {
            ps.setArray(1, c.createArrayOf("uuid", alertIds.toArray()));
            List<UUID> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
            }
            return found;
        }
    }
}
