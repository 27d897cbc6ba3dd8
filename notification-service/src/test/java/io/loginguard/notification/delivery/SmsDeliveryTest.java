package io.loginguard.notification.delivery;

import static io.loginguard.notification.support.Fixtures.outcomes;
import static io.loginguard.notification.support.Fixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationDelivery;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.events.Topics;
import io.loginguard.notification.support.Fixtures;
import io.loginguard.notification.support.TestServers;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.loginguard.testinfra.sms.SmsGatewaySimulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Codes by SMS through the gateway simulator: retries, dead letters, the per-number limit, slow numbers. */
@QuarkusTest
class SmsDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

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

    @Test
    void aCodeArrivesOnceByTextWithTheGatewaysIdRecorded() {
        String phone = Fixtures.phone();
        NotificationRequested request = Fixtures.loginCode(Fixtures.account(), Channel.SMS, phone, "771177");
        publish(kafka, Topics.NOTIFICATION_REQUESTS, request);

        await().atMost(WAIT).until(() -> sms.messagesTo(phone).size() == 1);
        assertThat(sms.messagesTo(phone).get(0).text()).contains("771177").contains("10 minutes");
        assertThat(sms.messagesTo(phone).get(0).idempotencyKey()).isEqualTo(request.requestId().toString());
        await().atMost(WAIT).until(() -> !outcomes(kafka, request.requestId()).isEmpty());
        assertThat(outcomes(kafka, request.requestId()).get(0).providerMessageId()).isEqualTo(sms.messagesTo(phone).get(0).id());
    }

    @Test
    void aGatewayAnswering5xxIsRetriedThenDeadLettered() {
        sms.failNext(-1, 503);
        long before = sms.sendRequests();
        String account = Fixtures.account();
        NotificationRequested request = Fixtures.loginCode(account, Channel.SMS, Fixtures.phone(), "505050");
        publish(kafka, Topics.NOTIFICATION_REQUESTS, request);

        await().atMost(WAIT).until(() -> !kafka.read(Topics.NOTIFICATION_DLQ, account).isEmpty());
        assertThat(sms.sendRequests() - before).as("three attempts (the test's limit)").isEqualTo(3);
        var dead = kafka.read(Topics.NOTIFICATION_DLQ, account).get(0);
        assertThat(EventJson.fromBytes(dead.value(), NotificationRequested.class).requestId()).isEqualTo(request.requestId());
        assertThat(Fixtures.header(dead.headers().toArray(), "dead-letter-reason")).contains("gave up after 3 attempts").contains("503");
        await().atMost(WAIT).until(() -> !outcomes(kafka, request.requestId()).isEmpty());
        NotificationDelivery outcome = outcomes(kafka, request.requestId()).get(0);
        assertThat(outcome.status()).isEqualTo(NotificationDelivery.Status.FAILED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(sms.messages()).noneMatch(m -> m.text().contains("505050"));
    }

    @Test
    void aGatewayThatRecoversDeliversOnTheNextAttempt() {
        sms.failNext(1, 500);
        String phone = Fixtures.phone();
        NotificationRequested request = Fixtures.loginCode(Fixtures.account(), Channel.SMS, phone, "606060");
        publish(kafka, Topics.NOTIFICATION_REQUESTS, request);

        await().atMost(WAIT).until(() -> !outcomes(kafka, request.requestId()).isEmpty());
        assertThat(outcomes(kafka, request.requestId()).get(0).attempts()).isEqualTo(2);
        assertThat(sms.messagesTo(phone)).hasSize(1);
    }

    @Test
    void thePerNumberLimitHolds() {
        String phone = Fixtures.phone();
        String account = Fixtures.account();
        List<NotificationRequested> requests = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> Fixtures.loginCode(account, Channel.SMS, phone, "10000" + i)).toList();
        requests.forEach(r -> publish(kafka, Topics.NOTIFICATION_REQUESTS, r));

        await().atMost(WAIT).until(() -> requests.stream().allMatch(r -> !outcomes(kafka, r.requestId()).isEmpty()));
        assertThat(sms.messagesTo(phone)).hasSize(5);
        List<NotificationDelivery> refused = requests.stream().flatMap(r -> outcomes(kafka, r.requestId()).stream())
                .filter(o -> o.status() == NotificationDelivery.Status.FAILED).toList();
        assertThat(refused).singleElement().satisfies(o -> assertThat(o.error()).startsWith("rate_limited"));
    }

    @Test
    void aSlowNumberDoesNotHoldUpAnother() {
        String slow = Fixtures.phone();
        String fast = Fixtures.phone();
        sms.delay(Duration.ofSeconds(2), slow);
        publish(kafka, Topics.NOTIFICATION_REQUESTS, Fixtures.loginCode(Fixtures.account(), Channel.SMS, slow, "200001"));
        publish(kafka, Topics.NOTIFICATION_REQUESTS, Fixtures.loginCode(Fixtures.account(), Channel.SMS, fast, "200002"));

        await().atMost(WAIT).until(() -> sms.messagesTo(fast).size() == 1);
        assertThat(sms.messagesTo(slow)).as("the fast number did not wait for the slow one").isEmpty();
        await().atMost(WAIT).until(() -> sms.messagesTo(slow).size() == 1);
    }

    @Test
    void aSendInterruptedByACrashIsResolvedAtTheGatewayNotSentAgain() throws Exception {
        String phone = Fixtures.phone();
        NotificationRequested request = Fixtures.loginCode(Fixtures.account(), Channel.SMS, phone, "303030");
        // the state a node leaves when it dies after the gateway took the message and before the outcome was recorded
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sms.baseUrl() + "/messages"))
                .header("Idempotency-Key", request.requestId().toString()).header("X-Api-Key", "dev-sms-api-key")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"destination\":\"" + phone + "\",\"text\":\"sent before the crash\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        Crashes.leaveSending(db, request, true);

        await().atMost(WAIT).until(() -> deliveries.status(request.requestId()).orElseThrow() == Status.DELIVERED);
        assertThat(sms.messagesTo(phone)).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("sent before the crash"));
    }

    @Test
    void aSendThatDiedBeforeReachingTheGatewayIsSent() throws Exception {
        String phone = Fixtures.phone();
        NotificationRequested request = Fixtures.loginCode(Fixtures.account(), Channel.SMS, phone, "404040");
        Crashes.leaveSending(db, request, false);

        await().atMost(WAIT).until(() -> sms.messagesTo(phone).size() == 1);
        assertThat(sms.messagesTo(phone).get(0).text()).contains("404040");
    }
}
