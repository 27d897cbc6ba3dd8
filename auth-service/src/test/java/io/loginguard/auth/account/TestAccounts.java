package io.loginguard.auth.account;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.SealedParams;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts for tests, made as a person makes one: register, read the code from notification.requests (as
 * notification-service would, opening the sealed parameters with the development key), verify.
 */
public final class TestAccounts {
    /** The development sealing key (StartupChecks.DEV_SEALING_KEY), id "dev". */
    public static final Map<String, byte[]> DEV_KEYS =
            Map.of("dev", Base64.getDecoder().decode("ZGV2LW9ubHktc2VhbGluZy1rZXktMDEyMzQ1Njc4OWE="));

    private TestAccounts() {
    }

    /** Registers and verifies the email with the password; returns the account id. */
    public static String active(String bootstrap, String email, String password) {
        register(email, password);
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"code\":\"" + awaitCode(bootstrap, email) + "\"}")
                .post("/api/v1/accounts/verification").then().statusCode(200).extract().path("id");
    }

    public static void register(String email, String password) {
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/accounts").then().statusCode(202);
    }

    /** Enables an email second factor at the address for the session's account (its code read from the topic). */
    public static void enableEmailFactor(String bootstrap, String session, String address) {
        given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"email\":\"" + address + "\"}").post("/api/v1/me/factors/email").then().statusCode(202);
        given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"code\":\"" + awaitCode(bootstrap, address) + "\"}")
                .post("/api/v1/me/factors/email/confirmation").then().statusCode(204);
    }

    /** Every notification request to the destination, oldest first. */
    public static List<NotificationRequested> requestsTo(String bootstrap, String destination) {
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            return kafka.read(Topics.NOTIFICATION_REQUESTS, null).stream()
                    .map(r -> EventJson.fromBytes(r.value(), NotificationRequested.class))
                    .filter(n -> destination.equals(n.destination()))
                    .sorted(Comparator.comparing(NotificationRequested::occurredAt))
                    .toList();
        }
    }

    /** The newest code sent to the destination, opened from its sealed parameters. */
    public static Optional<String> newestCode(String bootstrap, String destination) {
        List<NotificationRequested> sent = requestsTo(bootstrap, destination).stream()
                .filter(n -> n.sealedParams() != null).toList();
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        NotificationRequested newest = sent.get(sent.size() - 1);
        return Optional.of(SealedParams.open(newest.sealedParams(), newest.requestId().toString(), DEV_KEYS).get("code"));
    }

    /** Waits for the outbox relay to bring the code to the topic. */
    public static String awaitCode(String bootstrap, String destination) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> newestCode(bootstrap, destination), Optional::isPresent).orElseThrow();
    }
}
