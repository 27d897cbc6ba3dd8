package io.loginguard.ticket.cases;

import static io.loginguard.ticket.support.CaseApi.asReviewer;
import static io.loginguard.ticket.support.CaseApi.caseForm;
import static io.loginguard.ticket.support.CaseApi.emailCode;
import static io.loginguard.ticket.support.CaseApi.known;
import static io.loginguard.ticket.support.CaseApi.reviewerToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.ticket.account.AccountProjection;
import io.loginguard.ticket.support.Documents;
import io.loginguard.ticket.support.Kafka;
import io.loginguard.ticket.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reviewer authentication, claims, the SLA queue, the overdue metric and the append-only audit trail. */
@QuarkusTest
class ReviewerAndSlaTest {
    @Inject
    AccountProjection projection;
    @Inject
    TestClock clock;
    @Inject
    SlaMonitor sla;
    @Inject
    AgroalDataSource db;
    @Inject
    io.loginguard.ticket.review.Reviewers reviewers;

    @AfterEach
    void systemClock() {
        clock.useSystem();
    }

    @Test
    void reviewerEndpointsNeedAReviewerToken() {
        given().when().get("/api/v1/review/cases").then().statusCode(401).body("code", equalTo("reviewer_token_required"));
        given().header("Authorization", "Bearer lgr_forged").when().get("/api/v1/review/cases")
                .then().statusCode(401).body("code", equalTo("reviewer_token_invalid"));
        String wrongPassword = given().contentType("application/json")
                .body(Map.of("username", "reviewer", "password", "wrong-password-123")).when().post("/api/v1/review/login")
                .then().statusCode(401).body("code", equalTo("invalid_credentials")).extract().asString();
        String unknownName = given().contentType("application/json")
                .body(Map.of("username", "nobody", "password", "wrong-password-123")).when().post("/api/v1/review/login")
                .then().statusCode(401).extract().asString();
        assertThat(unknownName).isEqualTo(wrongPassword);
    }

    @Test
    void fiveWrongPasswordsLockAReviewerLoginForFifteenMinutesWithTheSameAnswer() {
        String name = "locky-" + UUID.randomUUID().toString().substring(0, 6);
        reviewers.create(name, "locky-password-123");
        String wrong = null;
        for (int i = 0; i < 5; i++) {
            wrong = login(name, "not-the-password").statusCode(401).extract().asString();
        }
        assertThat(login(name, "locky-password-123").statusCode(401).extract().asString()).isEqualTo(wrong);
        clock.fixAt(Instant.now().plus(Duration.ofMinutes(15)).plusSeconds(1));
        login(name, "locky-password-123").statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse login(String name, String password) {
        return given().contentType("application/json").body(Map.of("username", name, "password", password))
                .when().post("/api/v1/review/login").then();
    }

    @Test
    void aClaimedCaseIsTheClaimantsAndTheQueueIsOrderedByDueTime() {
        String older = openCase();
        clock.fixAt(Instant.now().plusSeconds(60));
        String newer = openCase();
        clock.useSystem();
        String reviewer = reviewerToken();
        List<String> queue = asReviewer(reviewer).when().get("/api/v1/review/cases").then().statusCode(200).extract().path("id");
        assertThat(queue.indexOf(older)).isLessThan(queue.indexOf(newer));

        asReviewer(reviewer).when().post("/api/v1/review/cases/" + older + "/claim").then().statusCode(200);
        String other = CaseLifecycleTest.SecondReviewer.token();
        asReviewer(other).when().post("/api/v1/review/cases/" + older + "/claim")
                .then().statusCode(409).body("code", equalTo("claimed_by_another"));
        asReviewer(other).when().post("/api/v1/review/cases/" + older + "/approve")
                .then().statusCode(409).body("code", equalTo("claimed_by_another"));
    }

    @Test
    void aCasePastItsFirstReplyIsOverdueUnlessItWaitsForThePerson() {
        String caseId = openCase();
        clock.fixAt(Instant.now().plus(Duration.ofHours(24)).plusSeconds(60));
        String reviewer = reviewerToken(); // a token is valid 8 hours: one from the future
        asReviewer(reviewer).when().get("/api/v1/review/cases/" + caseId).then().statusCode(200).body("overdue", equalTo(true));
        assertThat(sla.refreshNow()).isGreaterThanOrEqualTo(1);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("loginguard_ticket_cases_overdue"));

        clock.useSystem();
        reviewer = reviewerToken();
        asReviewer(reviewer).contentType("application/json").body(Map.of("message", "Send the back of your ID"))
                .when().post("/api/v1/review/cases/" + caseId + "/request-info").then().statusCode(200);
        clock.fixAt(Instant.now().plus(Duration.ofDays(10)));
        reviewer = reviewerToken();
        asReviewer(reviewer).when().get("/api/v1/review/cases/" + caseId).then().body("overdue", equalTo(false));
    }

    @Test
    void eachBreachOfEachDeadlineIsCountedOnce() throws SQLException {
        String caseId = openCase();
        double replies = breaches("first_reply");
        double resolutions = breaches("resolution");
        Instant late = Instant.now().plus(Duration.ofHours(49));
        clock.fixAt(late);
        sla.refreshNow();
        assertThat(breaches("first_reply") - replies).isGreaterThanOrEqualTo(1.0);
        assertThat(breaches("resolution") - resolutions).isGreaterThanOrEqualTo(1.0);
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
                "SELECT first_reply_breached_at, resolution_breached_at FROM cases WHERE id = '" + caseId + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getTimestamp(1)).isNotNull();
            assertThat(rs.getTimestamp(2)).isNotNull();
        }
        // still overdue at the next check, and not counted again
        replies = breaches("first_reply");
        resolutions = breaches("resolution");
        clock.fixAt(late.plusSeconds(1));
        sla.refreshNow();
        assertThat(breaches("first_reply")).isEqualTo(replies);
        assertThat(breaches("resolution")).isEqualTo(resolutions);
    }

    private static double breaches(String deadline) {
        return io.loginguard.testinfra.metrics.PrometheusText.sum(given().when().get("/q/metrics").then().statusCode(200)
                .extract().asString(), "loginguard_ticket_sla_breaches_total", "sla=\"" + deadline + "\"");
    }

    @Test
    void theAuditTrailCannotBeChanged() {
        String caseId = openCase();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE case_audit SET actor = 'someone else' WHERE case_id = '" + caseId + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM case_audit WHERE case_id = '" + caseId + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String openCase() {
        AccountSnapshot a = known(Kafka.account("sla-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", null,
                AccountSnapshot.Status.ACTIVE, null, Set.of()), projection);
        String code = emailCode(a, "IDENTITY_REVERIFICATION", 1);
        return caseForm("IDENTITY_REVERIFICATION", a.email(), code, Map.of("selfie", Documents.jpeg(80, 80)))
                .when().post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }
}
