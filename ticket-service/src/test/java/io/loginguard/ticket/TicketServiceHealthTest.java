package io.loginguard.ticket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TicketServiceHealthTest {

    @Inject
    TicketPolicy policy;

    @Test
    void readinessIsUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDocumentIsServed() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("info.title", equalTo("Loginguard ticket-service"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().when().get("/q/metrics")
                .then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void policyDefaultsAreTheSeeds() {
        assertEquals(Duration.ofHours(24), policy.appeal().firstReplyWithin());
        assertEquals(Duration.ofHours(12), policy.appeal().resolutionMin());
        assertEquals(Duration.ofHours(48), policy.appeal().resolutionMax());
        assertEquals(Duration.ofHours(2), policy.reactivation().notBeforeAfterFreeze());
        assertEquals(Duration.ofDays(7), policy.twoFactorReset().reviewWithin());
    }
}
