package io.loginguard.notification.intake;

import static io.loginguard.notification.support.Fixtures.mailTo;
import static io.loginguard.notification.support.Fixtures.outcomes;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationDelivery;
import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.Topics;
import io.loginguard.kit.outbox.SourceRecord;
import io.loginguard.notification.delivery.DeliveryStore;
import io.loginguard.notification.delivery.Status;
import io.loginguard.notification.support.Fixtures;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.loginguard.testinfra.metrics.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One poll's requests recorded together (the consumer hands {@link Intake#requests} a whole poll): accepted,
 * refused, expired and repeated requests in one batch each end as they would alone, and a repeat of the whole
 * batch (the poll redelivered after a crash before its offsets were committed) records and sends nothing more. Each
 * final outcome and the dead letter are counted on /q/metrics once.
 */
@QuarkusTest
class IntakeBatchTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong OFFSET = new AtomicLong(1_000_000);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Intake intake;

    @Inject
    DeliveryStore deliveries;

    KafkaProbe kafka;

    @BeforeEach
    void probe() {
        kafka = new KafkaProbe(bootstrap);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private static Intake.Received received(NotificationRequested r) {
        return new Intake.Received(r, new SourceRecord(Topics.NOTIFICATION_REQUESTS, 0, OFFSET.incrementAndGet(), r.key(),
                EventJson.toBytes(r), List.of()));
    }

    @Test
    void aPollOfAcceptedRefusedExpiredAndRepeatedRequestsRecordsEachOnce() {
        String account = Fixtures.account();
        String first = Fixtures.email("batch-a");
        String second = Fixtures.email("batch-b");
        NotificationRequested a = Fixtures.loginCode(account, Channel.EMAIL, first, "100001");
        NotificationRequested b = Fixtures.loginCode(account, Channel.EMAIL, second, "100002");
        NotificationRequested unknown = Fixtures.request(account, Channel.EMAIL, first, "no-such-kind", Map.of(), null);
        NotificationRequested expired = Fixtures.request(account, Channel.EMAIL, first, "login-code",
                Map.of("code", "100003"), Instant.now().minusSeconds(1));
        List<Intake.Received> poll = List.of(received(a), received(unknown), received(a), received(expired), received(b));
        double delivered = deliveries("DELIVERED");
        double failed = deliveries("FAILED");
        double expiredBefore = deliveries("EXPIRED");
        double dead = deadLetters();

        intake.requests(poll);

        assertThat(deliveries.status(unknown.requestId())).contains(Status.FAILED);
        assertThat(deliveries.status(expired.requestId())).contains(Status.EXPIRED);
        await().atMost(WAIT).until(() -> mailTo(first).size() == 1 && mailTo(second).size() == 1);
        await().atMost(WAIT).until(() -> deliveries.status(a.requestId()).orElseThrow() == Status.DELIVERED
                && deliveries.status(b.requestId()).orElseThrow() == Status.DELIVERED);
        await().atMost(WAIT).until(() -> !kafka.read(Topics.NOTIFICATION_DLQ, account).isEmpty());

        assertThat(deliveries("DELIVERED") - delivered).isGreaterThanOrEqualTo(2.0);
        assertThat(deliveries("FAILED") - failed).isGreaterThanOrEqualTo(1.0);
        assertThat(deliveries("EXPIRED") - expiredBefore).isGreaterThanOrEqualTo(1.0);
        assertThat(deadLetters() - dead).isGreaterThanOrEqualTo(1.0);
        double deadAfterFirst = deadLetters();
        double failedAfterFirst = deliveries("FAILED");

        intake.requests(poll); // the same poll again: nothing recorded, sent or published
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> mailTo(first).size() == 1 && mailTo(second).size() == 1);
        await().atMost(WAIT).until(() -> List.of(a, b, unknown, expired).stream()
                .allMatch(r -> !outcomes(kafka, r.requestId()).isEmpty()));
        for (NotificationRequested r : List.of(a, b, unknown, expired)) {
            assertThat(outcomes(kafka, r.requestId())).as("one outcome for %s", r.template()).hasSize(1);
        }
        assertThat(outcomes(kafka, a.requestId()).get(0).status()).isEqualTo(NotificationDelivery.Status.DELIVERED);
        assertThat(outcomes(kafka, expired.requestId()).get(0).error()).startsWith("expired");
        assertThat(kafka.read(Topics.NOTIFICATION_DLQ, account)).as("the unknown template, dead-lettered once").hasSize(1);
        assertThat(deadLetters()).as("counted once").isEqualTo(deadAfterFirst);
        assertThat(deliveries("FAILED")).isEqualTo(failedAfterFirst);
    }

    private static double deliveries(String status) {
        return PrometheusText.sum(scrape(), "loginguard_notification_deliveries_total", "channel=\"EMAIL\"",
                "status=\"" + status + "\"");
    }

    private static double deadLetters() {
        return PrometheusText.sum(scrape(), "loginguard_dead_letters_total", "dlq=\"" + Topics.NOTIFICATION_DLQ + "\"",
                "source=\"" + Topics.NOTIFICATION_REQUESTS + "\"");
    }

    private static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
