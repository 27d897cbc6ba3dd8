package io.loginguard.notification.delivery;

import static io.loginguard.notification.support.Fixtures.mailTo;
import static io.loginguard.notification.support.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.RiskDecision;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.Topics;
import io.loginguard.notification.contact.ContactStore;
import io.loginguard.notification.support.Fixtures;
import io.loginguard.notification.support.MailParts;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decisions and security events become messages to the account's owner; too many fold into one digest. */
@QuarkusTest
class AlertDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ContactStore contacts;

    KafkaProbe kafka;

    @BeforeEach
    void probe() {
        kafka = new KafkaProbe(bootstrap);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private String knownAccount(String email, String locale) {
        String account = Fixtures.account();
        publish(kafka, Topics.ACCOUNTS, Fixtures.snapshot(account, email, null, locale, "otter", 7));
        await().atMost(WAIT).until(() -> contacts.find(account).isPresent());
        return account;
    }

    private static RiskDecision locked(String subject, Map<String, String> details) {
        return new RiskDecision(UUID.randomUUID(), Instant.now(), subject, RiskDecision.Type.LOCKED, UUID.randomUUID(),
                Instant.now().plusSeconds(1800), details);
    }

    @Test
    void aLockTellsTheOwnerOnceWithWhereAndUntilWhen() {
        String email = Fixtures.email("lock");
        String account = knownAccount(email, "en");
        RiskDecision decision = locked(account, Map.of("ip", "203.0.113.7", "country", "DE"));
        publish(kafka, Topics.RISK_DECISIONS, decision);
        publish(kafka, Topics.RISK_DECISIONS, decision); // replayed
        publish(kafka, Topics.RISK_DECISIONS, locked("ip:203.0.113.7", Map.of())); // names no account: nobody to tell

        await().atMost(WAIT).until(() -> mailTo(email).size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> mailTo(email).size() == 1);
        MimeMessage mail = mailTo(email).get(0);
        String text = MailParts.of(mail).text();
        assertThat(text).startsWith("Your anti-phishing code: otter").contains("203.0.113.7").contains("DE")
                .contains("change your password").contains("freeze your account");
    }

    @Test
    void aPasswordChangeIsToldInTheOwnersLanguage() throws Exception {
        String email = Fixtures.email("pw");
        String account = knownAccount(email, "zh");
        publish(kafka, Topics.SECURITY_EVENTS, new SecurityEvent(UUID.randomUUID(), Instant.now(), account,
                SecurityEvent.Type.PASSWORD_CHANGED, null, null, "198.51.100.4", "dev-1", Map.of()));
        publish(kafka, Topics.SECURITY_EVENTS, new SecurityEvent(UUID.randomUUID(), Instant.now(), account,
                SecurityEvent.Type.SESSION_REVOKED, "s1", SecurityEvent.SessionEndReason.LOGOUT, null, null, Map.of()));

        await().atMost(WAIT).until(() -> mailTo(email).size() == 1);
        assertThat(mailTo(email).get(0).getSubject()).isEqualTo("您的 Loginguard 密码已修改");
        assertThat(MailParts.of(mailTo(email).get(0)).text()).contains("198.51.100.4");
    }

    @Test
    void alertsBeyondTheLimitAreFoldedIntoOneDigest() throws Exception {
        String email = Fixtures.email("flood");
        String account = knownAccount(email, "en");
        for (int i = 0; i < 13; i++) {
            publish(kafka, Topics.SECURITY_EVENTS, new SecurityEvent(UUID.randomUUID(), Instant.now(), account,
                    SecurityEvent.Type.TWO_FACTOR_DISABLED, null, null, "192.0.2." + i, null, Map.of("factor", "SMS")));
        }
        await().atMost(WAIT).until(() -> mailTo(email).size() == 10);
        // the window (5 s in tests) frees a slot: one digest for the three alerts over the limit
        await().atMost(WAIT).until(() -> mailTo(email).size() == 11);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> mailTo(email).size() == 11);
        MimeMessage digest = mailTo(email).get(10);
        assertThat(digest.getSubject()).isEqualTo("3 security alerts about your Loginguard account");
        assertThat(MailParts.of(digest).text()).contains("Two-factor verification was turned off");
    }

    @Test
    void aPasskeyAddedAndOneRemovedAreToldWithTheirNamesByEmailOrBySmsWhenThereIsNoEmail() throws Exception {
        String email = Fixtures.email("passkey");
        String account = knownAccount(email, "en");
        publish(kafka, Topics.SECURITY_EVENTS, new SecurityEvent(UUID.randomUUID(), Instant.now(), account,
                SecurityEvent.Type.PASSKEY_ADDED, null, null, null, null, Map.of("passkeyId", UUID.randomUUID().toString(),
                        "name", "Work laptop")));
        publish(kafka, Topics.SECURITY_EVENTS, new SecurityEvent(UUID.randomUUID(), Instant.now(), account,
                SecurityEvent.Type.PASSKEY_REMOVED, null, null, null, null, Map.of("passkeyId", UUID.randomUUID().toString(),
                        "name", "Old phone")));
        await().atMost(WAIT).until(() -> mailTo(email).size() == 2);
        Map<String, String> bySubject = new java.util.HashMap<>();
        for (MimeMessage m : mailTo(email)) {
            bySubject.put(m.getSubject(), MailParts.of(m).text());
        }
        assertThat(bySubject.get("A passkey was added to your Loginguard account")).startsWith("Your anti-phishing code: otter")
                .contains("\"Work laptop\"").contains("freeze your account");
        assertThat(bySubject.get("A passkey was removed from your Loginguard account")).contains("\"Old phone\"");

        // an account with only a phone: its alerts go by SMS
        String phone = Fixtures.phone();
        String phoneOnly = Fixtures.account();
        publish(kafka, Topics.ACCOUNTS, Fixtures.snapshot(phoneOnly, null, phone, "en", null, 3));
        await().atMost(WAIT).until(() -> contacts.find(phoneOnly).isPresent());
        publish(kafka, Topics.SECURITY_EVENTS, new SecurityEvent(UUID.randomUUID(), Instant.now(), phoneOnly,
                SecurityEvent.Type.PASSKEY_ADDED, null, null, null, null, Map.of("name", "Tablet")));
        var sms = io.loginguard.notification.support.TestServers.sms();
        await().atMost(WAIT).until(() -> !sms.messagesTo(phone).isEmpty());
        assertThat(sms.messagesTo(phone)).singleElement().satisfies(m ->
                assertThat(m.text()).contains("a passkey was added to your account"));
    }
}
