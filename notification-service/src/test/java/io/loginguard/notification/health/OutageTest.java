package io.loginguard.notification.health;

import static io.loginguard.notification.support.Fixtures.mailTo;
import static io.loginguard.notification.support.Fixtures.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.NotificationRequested;
import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.events.Topics;
import io.loginguard.notification.delivery.DeliveryStore;
import io.loginguard.notification.delivery.Status;
import io.loginguard.notification.support.Fixtures;
import io.loginguard.notification.support.TestServers;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A dependency that goes away neither crashes nor wedges the service, and it recovers by itself. */
@QuarkusTest
@TestProfile(OutageProfile.class)
class OutageTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DeliveryStore deliveries;

    private static int readiness() {
        return given().when().get("/q/health/ready").then().extract().statusCode();
    }

    @Test
    void postgresDownMakesReadinessDownAndWhatArrivedMeanwhileIsDeliveredWhenItReturns() {
        String email = Fixtures.email("outage-pg");
        NotificationRequested request = Fixtures.loginCode(Fixtures.account(), Channel.EMAIL, email, "777000");
        assertThat(readiness()).isEqualTo(200);
        OutageProfile.postgres.cut();
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> readiness() == 503);
            publish(kafka, Topics.NOTIFICATION_REQUESTS, request);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> mailTo(email).isEmpty());
        } finally {
            OutageProfile.postgres.restore();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(email).size() == 1);
    }

    @Test
    void aMailServerThatIsDownIsRetriedUntilItIsBack() {
        String email = Fixtures.email("outage-smtp");
        NotificationRequested request = Fixtures.loginCode(Fixtures.account(), Channel.EMAIL, email, "777111");
        TestServers.stopMail();
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            publish(kafka, Topics.NOTIFICATION_REQUESTS, request);
            await().atMost(Duration.ofSeconds(15)).until(() -> deliveries.attempts(request.requestId()) >= 1);
            assertThat(deliveries.status(request.requestId())).contains(Status.PENDING);
        } finally {
            TestServers.restartMail();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(email).size() == 1);
        // the row is marked delivered just after the server's answer: wait for that too
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(deliveries.status(request.requestId())).contains(Status.DELIVERED));
        assertThat(mailTo(email)).hasSize(1);
    }
}
