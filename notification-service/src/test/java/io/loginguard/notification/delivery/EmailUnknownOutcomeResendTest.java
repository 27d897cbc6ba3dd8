package io.loginguard.notification.delivery;

import static io.loginguard.notification.support.Fixtures.mailTo;
import static io.loginguard.notification.support.Fixtures.outcomes;
import static io.loginguard.notification.support.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.loginguard.events.NotificationDelivery;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.events.Topics;
import io.loginguard.notification.config.NotificationConfig;
import io.loginguard.notification.contact.ContactStore;
import io.loginguard.notification.email.EmailSender;
import io.loginguard.notification.support.Fixtures;
import io.loginguard.notification.support.MailParts;
import io.loginguard.notification.template.MessageRenderer;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code email.unknown-outcome=RESEND}: a message handed to SMTP by a node that died before recording the answer is
 * sent again with the SAME Message-ID. Where the first copy had in fact been accepted, the inbox holds two copies
 * with one Message-ID: SMTP cannot be asked and does not deduplicate, which is why GIVE_UP is the default (see
 * {@code EmailDeliveryTest} for it).
 */
@QuarkusTest
@TestProfile(ResendProfile.class)
class EmailUnknownOutcomeResendTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ContactStore contacts;

    @Inject
    DeliveryStore deliveries;

    @Inject
    AgroalDataSource db;

    @Inject
    EmailSender email;

    @Inject
    MessageRenderer renderer;

    @Inject
    NotificationConfig config;

    KafkaProbe kafka;

    @BeforeEach
    void probe() {
        kafka = new KafkaProbe(bootstrap);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private String knownAccount(String address) {
        String account = Fixtures.account();
        publish(kafka, Topics.ACCOUNTS, Fixtures.snapshot(account, address, null, "en", "blue-otter", 1));
        await().atMost(WAIT).until(() -> contacts.find(account).isPresent());
        return account;
    }

    @Test
    void thePolicyIsResend() {
        assertThat(config.email().unknownOutcome()).isEqualTo(NotificationConfig.UnknownOutcome.RESEND);
    }

    @Test
    void anInterruptedEmailThatHadArrivedIsSentAgainWithTheSameMessageId() throws Exception {
        String address = Fixtures.email("resend");
        String account = knownAccount(address);
        NotificationRequested request = Fixtures.loginCode(account, Channel.EMAIL, null, "515151");
        // the node handed the message to SMTP, the server took it, and the node died before recording the answer
        // (a busy machine can time the first SMTP conversation out: TRANSIENT, nothing taken; the premise is a taken one)
        await().atMost(WAIT).until(() -> email.send(address, renderer.render("login-code", "en", request.params(),
                Map.of("code", "515151"), "blue-otter"), request.requestId()).kind() == SendResult.Kind.SENT);
        Crashes.leaveSending(db, request, true);

        await().atMost(WAIT).until(() -> deliveries.status(request.requestId()).orElseThrow() == Status.DELIVERED);
        await().atMost(WAIT).until(() -> mailTo(address).size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> mailTo(address).size() == 2);
        List<MimeMessage> copies = mailTo(address);
        String messageId = "<" + request.requestId() + "@loginguard.local>";
        assertThat(copies).extracting(MimeMessage::getMessageID).as("one Message-ID, so a mailbox can show it once")
                .containsExactly(messageId, messageId);
        assertThat(MailParts.of(copies.get(1)).text()).contains("515151").startsWith("Your anti-phishing code: blue-otter");

        await().atMost(WAIT).until(() -> !outcomes(kafka, request.requestId()).isEmpty());
        NotificationDelivery outcome = outcomes(kafka, request.requestId()).get(0);
        assertThat(outcome.status()).isEqualTo(NotificationDelivery.Status.DELIVERED);
        assertThat(outcome.providerMessageId()).isEqualTo(messageId);
        assertThat(outcomes(kafka, request.requestId())).hasSize(1);
    }

    @Test
    void anInterruptedEmailThatHadNotArrivedIsSentOnceWithItsMessageId() throws Exception {
        String address = Fixtures.email("resend-lost");
        String account = knownAccount(address);
        NotificationRequested request = Fixtures.loginCode(account, Channel.EMAIL, null, "525252");
        Crashes.leaveSending(db, request, true); // handed over, but the connection died before the server took it

        await().atMost(WAIT).until(() -> mailTo(address).size() == 1);
        await().atMost(WAIT).until(() -> deliveries.status(request.requestId()).orElseThrow() == Status.DELIVERED);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> mailTo(address).size() == 1);
        assertThat(mailTo(address).get(0).getMessageID()).isEqualTo("<" + request.requestId() + "@loginguard.local>");
        assertThat(MailParts.of(mailTo(address).get(0)).text()).contains("525252");
    }
}
