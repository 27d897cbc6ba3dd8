package io.loginguard.notification.delivery;

import static io.loginguard.notification.support.Fixtures.mailTo;
import static io.loginguard.notification.support.Fixtures.outcomes;
import static io.loginguard.notification.support.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationDelivery;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.events.Topics;
import io.loginguard.notification.config.NotificationConfig;
import io.loginguard.notification.contact.ContactStore;
import io.loginguard.notification.support.Fixtures;
import io.loginguard.notification.support.MailParts;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Codes by email, end to end: the real broker, PostgreSQL, Redis and an SMTP server (GreenMail). */
@QuarkusTest
class EmailDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ContactStore contacts;

    @Inject
    DeliveryStore deliveries;

    @Inject
    io.agroal.api.AgroalDataSource db;

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

    private String knownAccount(String email, String locale, String antiPhishing) {
        String account = Fixtures.account();
        publish(kafka, Topics.ACCOUNTS, Fixtures.snapshot(account, email, null, locale, antiPhishing, 1));
        await().atMost(WAIT).until(() -> contacts.find(account).isPresent());
        return account;
    }

    @Test
    void aCodeRequestArrivesOnceWithTheRightSenderSubjectCodeAndAntiPhishingCode() throws Exception {
        String email = Fixtures.email("alice");
        String account = knownAccount(email, "en", "blue-otter-42");
        NotificationRequested request = Fixtures.loginCode(account, Channel.EMAIL, null, "483920");
        publish(kafka, Topics.NOTIFICATION_REQUESTS, request);

        await().atMost(WAIT).until(() -> mailTo(email).size() == 1);
        MimeMessage mail = mailTo(email).get(0);
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("do-not-reply@loginguard.local");
        assertThat(mail.getSubject()).isEqualTo("Your Loginguard login code");
        assertThat(mail.getMessageID()).isEqualTo("<" + request.requestId() + "@loginguard.local>");
        assertThat(mail.getHeader("List-Unsubscribe")).as("security mail cannot be unsubscribed from").isNull();
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        MailParts parts = MailParts.of(mail);
        assertThat(parts.text()).as("anti-phishing code on the first line").startsWith("Your anti-phishing code: blue-otter-42");
        assertThat(parts.text()).contains("483920").contains("valid for 10 minutes");
        assertThat(parts.html()).contains("483920");
        assertThat(parts.html().indexOf("blue-otter-42")).as("at the top of the HTML too")
                .isPositive().isLessThan(parts.html().indexOf("Your Loginguard login code</h1>"));

        await().atMost(WAIT).until(() -> !outcomes(kafka, request.requestId()).isEmpty());
        NotificationDelivery outcome = outcomes(kafka, request.requestId()).get(0);
        assertThat(outcome.status()).isEqualTo(NotificationDelivery.Status.DELIVERED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.providerMessageId()).isEqualTo(mail.getMessageID());
    }

    @Test
    void aRedeliveredAndAReplayedRequestSendNothingMore() {
        String email = Fixtures.email("bob");
        String account = knownAccount(email, "en", null);
        NotificationRequested request = Fixtures.loginCode(account, Channel.EMAIL, null, "111222");
        publish(kafka, Topics.NOTIFICATION_REQUESTS, request);
        await().atMost(WAIT).until(() -> mailTo(email).size() == 1);

        publish(kafka, Topics.NOTIFICATION_REQUESTS, request); // the same record again: a redelivery
        NotificationRequested replayed = new NotificationRequested(UUID.randomUUID(), Instant.now(), account,
                request.requestId(), request.channel(), null, request.template(), "en", request.params(),
                request.sealedParams(), request.expiresAt()); // republished by a replay: a new event, the same request
        publish(kafka, Topics.NOTIFICATION_REQUESTS, replayed);
        NotificationRequested marker = Fixtures.loginCode(account, Channel.EMAIL, null, "999000");
        publish(kafka, Topics.NOTIFICATION_REQUESTS, marker); // same key, same partition: consumed after the two

        await().atMost(WAIT).until(() -> mailTo(email).size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> mailTo(email).size() == 2);
        assertThat(mailTo(email)).extracting(m -> MailParts.of(m).text())
                .anySatisfy(t -> assertThat(t).contains("111222")).anySatisfy(t -> assertThat(t).contains("999000"));
        assertThat(outcomes(kafka, request.requestId())).hasSize(1);
    }

    @Test
    void anExpiredCodeIsNotSent() {
        String email = Fixtures.email("carol");
        String account = knownAccount(email, "en", null);
        NotificationRequested expired = Fixtures.request(account, Channel.EMAIL, null, "login-code",
                Map.of("code", "123456"), Instant.now().minusSeconds(1));
        publish(kafka, Topics.NOTIFICATION_REQUESTS, expired);

        await().atMost(WAIT).until(() -> !outcomes(kafka, expired.requestId()).isEmpty());
        NotificationDelivery outcome = outcomes(kafka, expired.requestId()).get(0);
        assertThat(outcome.status()).isEqualTo(NotificationDelivery.Status.FAILED);
        assertThat(outcome.error()).startsWith("expired");
        assertThat(deliveries.status(expired.requestId())).contains(Status.EXPIRED);
        assertThat(mailTo(email)).isEmpty();
    }

    @Test
    void anExplicitDestinationWinsAndChineseIsChosenForZhCn() throws Exception {
        String known = Fixtures.email("dave");
        String account = knownAccount(known, "zh-CN", "蓝色水獭");
        String other = Fixtures.email("dave-new");
        NotificationRequested request = Fixtures.request(account, Channel.EMAIL, other, "verification-code",
                Map.of("code", "246810"), Instant.now().plusSeconds(600));
        publish(kafka, Topics.NOTIFICATION_REQUESTS, new NotificationRequested(request.eventId(), request.occurredAt(),
                account, request.requestId(), Channel.EMAIL, other, "verification-code", null, request.params(),
                request.sealedParams(), request.expiresAt()));

        await().atMost(WAIT).until(() -> mailTo(other).size() == 1);
        assertThat(mailTo(known)).isEmpty();
        MimeMessage mail = mailTo(other).get(0);
        assertThat(mail.getSubject()).isEqualTo("您的 Loginguard 验证码");
        assertThat(MailParts.of(mail).text()).startsWith("您的防钓鱼码：蓝色水獭").contains("246810");
    }

    @Test
    void anEmailWhoseSendWasInterruptedAfterTheHandOverIsNotSentAgain() throws Exception {
        String email = Fixtures.email("gina");
        String account = knownAccount(email, "en", null);
        NotificationRequested request = Fixtures.loginCode(account, Channel.EMAIL, null, "808080");
        Crashes.leaveSending(db, request, true);

        await().atMost(WAIT).until(() -> !outcomes(kafka, request.requestId()).isEmpty());
        NotificationDelivery outcome = outcomes(kafka, request.requestId()).get(0);
        assertThat(outcome.status()).isEqualTo(NotificationDelivery.Status.FAILED);
        assertThat(outcome.error()).startsWith("outcome unknown");
        assertThat(deliveries.status(request.requestId())).contains(Status.FAILED);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> mailTo(email).isEmpty());
        assertThat(mailTo(email)).as("SMTP cannot be asked, so at most once means not again").isEmpty();
        assertThat(outcomes(kafka, request.requestId())).hasSize(1);
    }

    @Test
    void theDefaultPolicyForAnUnknownEmailOutcomeIsGiveUp() {
        assertThat(config.email().unknownOutcome()).isEqualTo(NotificationConfig.UnknownOutcome.GIVE_UP);
    }

    @Test
    void aCodeThatExpiresWhileItWaitsIsNotSentWhenItsTurnComes() {
        String account = Fixtures.account(); // its contact details are not known yet: the code waits for them
        NotificationRequested request = Fixtures.request(account, Channel.EMAIL, null, "login-code",
                Map.of("code", "676767"), Instant.now().plusSeconds(2));
        publish(kafka, Topics.NOTIFICATION_REQUESTS, request);
        await().atMost(WAIT).until(() -> deliveries.status(request.requestId()).isPresent());

        await().atMost(WAIT).until(() -> deliveries.status(request.requestId()).orElseThrow() == Status.EXPIRED);
        String email = Fixtures.email("late");
        publish(kafka, Topics.ACCOUNTS, Fixtures.snapshot(account, email, null, "en", null, 1));
        await().atMost(WAIT).until(() -> contacts.find(account).isPresent());
        await().atMost(WAIT).until(() -> !outcomes(kafka, request.requestId()).isEmpty());
        NotificationDelivery outcome = outcomes(kafka, request.requestId()).get(0);
        assertThat(outcome.status()).isEqualTo(NotificationDelivery.Status.FAILED);
        assertThat(outcome.error()).startsWith("expired");
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> mailTo(email).isEmpty());
    }

    @Test
    void anUnknownTemplateIsDeadLetteredWithAFailedOutcome() {
        String account = Fixtures.account();
        NotificationRequested request = Fixtures.request(account, Channel.EMAIL, Fixtures.email("erin"), "no-such-kind",
                Map.of(), null);
        publish(kafka, Topics.NOTIFICATION_REQUESTS, request);

        await().atMost(WAIT).until(() -> !kafka.read(Topics.NOTIFICATION_DLQ, account).isEmpty());
        var dead = kafka.read(Topics.NOTIFICATION_DLQ, account).get(0);
        assertThat(EventJson.fromBytes(dead.value(), NotificationRequested.class)).isEqualTo(request);
        assertThat(Fixtures.header(dead.headers().toArray(), "dead-letter-reason")).contains("unknown template 'no-such-kind'");
        assertThat(Fixtures.header(dead.headers().toArray(), "dead-letter-consumer")).isEqualTo("notification-service");
        assertThat(Fixtures.header(dead.headers().toArray(), "ce_type")).as("original headers kept")
                .isEqualTo("loginguard.auth.NotificationRequested.v1");
        await().atMost(WAIT).until(() -> !outcomes(kafka, request.requestId()).isEmpty());
        assertThat(outcomes(kafka, request.requestId()).get(0).status()).isEqualTo(NotificationDelivery.Status.FAILED);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterQueueAndTheNextOneIsStillDelivered() {
        String email = Fixtures.email("frank");
        String account = knownAccount(email, "en", null);
        String counted = "source=\"" + Topics.NOTIFICATION_REQUESTS + "\"";
        double deadBefore = deadLetters(counted);
        kafka.send(Topics.NOTIFICATION_REQUESTS, account, "{not json".getBytes());
        NotificationRequested next = Fixtures.loginCode(account, Channel.EMAIL, null, "135790");
        publish(kafka, Topics.NOTIFICATION_REQUESTS, next);

        await().atMost(WAIT).until(() -> mailTo(email).size() == 1);
        await().atMost(WAIT).until(() -> !kafka.read(Topics.NOTIFICATION_DLQ, account).isEmpty());
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> dead = kafka.read(Topics.NOTIFICATION_DLQ, account);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value())).isEqualTo("{not json");
        assertThat(Fixtures.header(dead.get(0).headers().toArray(), "dead-letter-topic")).isEqualTo(Topics.NOTIFICATION_REQUESTS);
        assertThat(Fixtures.header(dead.get(0).headers().toArray(), "dead-letter-reason")).contains("malformed JSON");
        assertThat(deadLetters(counted) - deadBefore).isGreaterThanOrEqualTo(1.0);
    }

    private static double deadLetters(String... labels) {
        return io.loginguard.testinfra.metrics.PrometheusText.sum(io.restassured.RestAssured.given().when().get("/q/metrics")
                .then().statusCode(200).extract().asString(), "loginguard_dead_letters_total", labels);
    }
}
