package io.loginguard.ticket.cases;

import static io.loginguard.ticket.support.CaseApi.asReviewer;
import static io.loginguard.ticket.support.CaseApi.caseForm;
import static io.loginguard.ticket.support.CaseApi.caseToken;
import static io.loginguard.ticket.support.CaseApi.emailCode;
import static io.loginguard.ticket.support.CaseApi.idAndSelfie;
import static io.loginguard.ticket.support.CaseApi.known;
import static io.loginguard.ticket.support.CaseApi.reviewerToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.TicketEvent;
import io.loginguard.events.Topics;
import io.loginguard.ticket.account.AccountProjection;
import io.loginguard.ticket.support.Documents;
import io.loginguard.ticket.support.Kafka;
import io.loginguard.ticket.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A case from the person's code to the reviewer's decision, against the real broker and PostgreSQL. */
@QuarkusTest
class CaseLifecycleTest {
    @Inject
    AccountProjection projection;
    @Inject
    TestClock clock;
    @Inject
    RetentionSweeper retention;

    @AfterEach
    void systemClock() {
        clock.useSystem();
    }

    @Test
    void anAppealIsOpenedReviewedWithMoreInformationAndApprovedOnce() {
        AccountSnapshot a = known(Kafka.account(email(), null, AccountSnapshot.Status.ACTIVE, null, Set.of()), projection);
        String code = emailCode(a, "UNABLE_TO_LOG_IN", 1);

        String caseId = caseForm("UNABLE_TO_LOG_IN", a.email(), code, idAndSelfie())
                .multiPart("description", "I cannot log in since yesterday")
                .when().post("/api/v1/cases")
                .then().statusCode(201).body("status", equalTo("OPEN")).body("type", equalTo("UNABLE_TO_LOG_IN"))
                .extract().path("id");
        String token = caseToken(a, 1);
        assertThat(token).startsWith("lgc_");
        await().atMost(Duration.ofSeconds(20)).until(() -> Kafka.ticketEvents(a.accountId()).stream()
                .anyMatch(e -> e.type() == TicketEvent.Type.OPENED && e.caseId().toString().equals(caseId)));

        // the person sees the case with the mailed token, and no one sees it without
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/cases/" + caseId)
                .then().statusCode(200).body("status", equalTo("OPEN")).body("files", hasSize(3))
                .body("messages[0].body", equalTo("I cannot log in since yesterday"));
        given().header("Authorization", "Bearer lgc_wrong").when().get("/api/v1/cases/" + caseId)
                .then().statusCode(404).body("code", equalTo("case_not_found"));
        given().when().get("/api/v1/cases/" + caseId).then().statusCode(401).body("code", equalTo("missing_case_token"));

        String reviewer = reviewerToken();
        asReviewer(reviewer).when().get("/api/v1/review/cases").then().statusCode(200).body("id", hasItem(caseId));
        asReviewer(reviewer).when().post("/api/v1/review/cases/" + caseId + "/claim")
                .then().statusCode(200).body("status", equalTo("IN_REVIEW"));
        asReviewer(reviewer).contentType("application/json").body(Map.of("message", "Please send a clearer selfie"))
                .when().post("/api/v1/review/cases/" + caseId + "/request-info")
                .then().statusCode(200).body("status", equalTo("WAITING_FOR_PERSON"));
        assertThat(Kafka.awaitSecret(a.accountId(), "case-info-requested", a.email(), 1))
                .containsEntry("message", "Please send a clearer selfie");

        given().header("Authorization", "Bearer " + token).multiPart("selfie", "me.png", Documents.png(320, 480), "image/png")
                .multiPart("message", "Here it is").when().post("/api/v1/cases/" + caseId + "/files")
                .then().statusCode(200).body("status", equalTo("IN_REVIEW")).body("files", hasSize(4));
        // not asked any more: a further upload is refused
        given().header("Authorization", "Bearer " + token).multiPart("selfie", "me.png", Documents.png(32, 32), "image/png")
                .when().post("/api/v1/cases/" + caseId + "/files")
                .then().statusCode(409).body("code", equalTo("not_waiting_for_you"));

        asReviewer(reviewer).when().post("/api/v1/review/cases/" + caseId + "/approve")
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("filesDeleteAfter", notNullValue());
        asReviewer(reviewer).when().post("/api/v1/review/cases/" + caseId + "/approve")
                .then().statusCode(409).body("code", equalTo("case_closed"));

        await().atMost(Duration.ofSeconds(20)).until(() -> Kafka.ticketEvents(a.accountId()).stream()
                .anyMatch(e -> e.type() == TicketEvent.Type.RESOLVED));
        List<TicketEvent> approvals = Kafka.ticketEvents(a.accountId()).stream()
                .filter(e -> e.type() == TicketEvent.Type.ACTION_APPROVED).toList();
        assertThat(approvals).hasSize(1);
        assertThat(approvals.get(0).action()).isEqualTo(TicketEvent.ApprovedAction.RESTRICTION_LIFTED);
        assertThat(approvals.get(0).caseKind()).isEqualTo(TicketEvent.CaseKind.UNABLE_TO_LOG_IN);
        assertThat(Kafka.awaitSecret(a.accountId(), "case-resolved", a.email(), 1)).isEmpty();

        // the trail: every step, who and when
        List<String> steps = asReviewer(reviewer).when().get("/api/v1/review/cases/" + caseId)
                .then().statusCode(200).extract().path("audit.action");
        assertThat(steps).containsExactly("OPENED", "CLAIMED", "INFO_REQUESTED", "INFO_PROVIDED", "APPROVED");
    }

    @Test
    void storedImagesHaveNoMetadataAndAreReadableOnlyByReviewers() {
        AccountSnapshot a = known(Kafka.account(email(), null, AccountSnapshot.Status.ACTIVE, null, Set.of()), projection);
        String code = emailCode(a, "UNABLE_TO_LOG_IN", 1);
        Map<String, byte[]> files = idAndSelfie();
        files.put("document", Documents.pdfWithAuthor("Jane Q. Person"));
        String caseId = caseForm("UNABLE_TO_LOG_IN", a.email(), code, files)
                .when().post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String token = caseToken(a, 1);
        String reviewer = reviewerToken();
        List<Map<String, Object>> stored = asReviewer(reviewer).when().get("/api/v1/review/cases/" + caseId)
                .then().statusCode(200).extract().path("files");
        assertThat(stored).extracting(f -> f.get("part")).containsExactlyInAnyOrder("idFront", "idBack", "selfie", "document");
        for (Map<String, Object> f : stored) {
            byte[] clear = asReviewer(reviewer).when().get("/api/v1/review/cases/" + caseId + "/files/" + f.get("id"))
                    .then().statusCode(200).header("Cache-Control", "no-store").extract().asByteArray();
            assertThat(io.loginguard.ticket.code.Hashing.sha256Hex(clear)).isEqualTo(f.get("sha256"));
            assertThat(Documents.contains(clear, Documents.EXIF_MARKER)).isFalse();
            assertThat(Documents.contains(clear, Documents.SECRET_GPS.getBytes())).isFalse();
            if ("document".equals(f.get("part"))) {
                assertThat(Documents.pdfAuthor(clear)).isNull();
            }
        }
        // the person's case key opens no reviewer endpoint
        given().header("Authorization", "Bearer " + token)
                .when().get("/api/v1/review/cases/" + caseId + "/files/" + stored.get(0).get("id"))
                .then().statusCode(401).body("code", equalTo("reviewer_token_required"));
    }

    @Test
    void twoReviewersApprovingAtOnceOneWinsAndTheApprovalIsPublishedOnce() throws Exception {
        AccountSnapshot a = known(Kafka.account(email(), null, AccountSnapshot.Status.ACTIVE, null,
                Set.of(AccountSnapshot.SecondFactor.TOTP)), projection);
        String code = emailCode(a, "TWO_FACTOR_RESET", 1);
        String caseId = caseForm("TWO_FACTOR_RESET", a.email(), code, idAndSelfie())
                .when().post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String first = reviewerToken();
        String second = SecondReviewer.token();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = List.of(first, second).stream().map(t -> pool.submit(() -> {
            start.await();
            return asReviewer(t).when().post("/api/v1/review/cases/" + caseId + "/approve").then().extract().statusCode();
        })).toList();
        start.countDown();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var f : answers) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);

        await().atMost(Duration.ofSeconds(20)).until(() -> Kafka.ticketEvents(a.accountId()).stream()
                .anyMatch(e -> e.type() == TicketEvent.Type.RESOLVED));
        List<TicketEvent> events = Kafka.ticketEvents(a.accountId());
        assertThat(events).filteredOn(e -> e.type() == TicketEvent.Type.ACTION_APPROVED).hasSize(1)
                .allMatch(e -> e.action() == TicketEvent.ApprovedAction.TWO_FACTOR_RESET);
        assertThat(events).filteredOn(e -> e.type() == TicketEvent.Type.OPENED)
                .allMatch(e -> e.caseKind() == TicketEvent.CaseKind.TWO_FACTOR_RESET);
    }

    @Test
    void aPhoneChangeApprovalCarriesTheProvenNewNumber() {
        AccountSnapshot a = known(Kafka.account(email(), "+8613800000001", AccountSnapshot.Status.ACTIVE, null, Set.of()), projection);
        String newPhone = "+86139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
        CaseApiCodes.askWithNewPhone(a.email(), newPhone);
        String code = Kafka.awaitSecret(a.accountId(), "case-code", a.email(), 1).get("code");
        String phoneCode = Kafka.awaitSecret(a.accountId(), "case-code", newPhone, 1).get("code");
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("idFront", Documents.jpeg(200, 120));
        files.put("selfie", Documents.jpeg(120, 200));
        caseForm("PHONE_CHANGE", a.email(), code, files).multiPart("newPhone", newPhone).multiPart("phoneCode", "000000")
                .when().post("/api/v1/cases").then().statusCode(400).body("code", equalTo("invalid_code"))
                .body("field", equalTo("phoneCode"));
        String caseId = caseForm("PHONE_CHANGE", a.email(), code, files).multiPart("newPhone", newPhone)
                .multiPart("phoneCode", phoneCode)
                .when().post("/api/v1/cases").then().statusCode(201).extract().path("id");
        asReviewer(reviewerToken()).when().post("/api/v1/review/cases/" + caseId + "/approve").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> Kafka.ticketEvents(a.accountId()).stream()
                .anyMatch(e -> e.type() == TicketEvent.Type.ACTION_APPROVED));
        TicketEvent approval = Kafka.ticketEvents(a.accountId()).stream()
                .filter(e -> e.type() == TicketEvent.Type.ACTION_APPROVED).findFirst().orElseThrow();
        assertThat(approval.action()).isEqualTo(TicketEvent.ApprovedAction.PHONE_CHANGE);
        assertThat(approval.newPhone()).isEqualTo(newPhone);
    }

    @Test
    void aRejectionGivesItsReasonAndTheFilesAreDeletedAfterTheRetentionRecorded() {
        AccountSnapshot a = known(Kafka.account(email(), null, AccountSnapshot.Status.ACTIVE, null, Set.of()), projection);
        String code = emailCode(a, "IDENTITY_VERIFICATION", 1);
        String caseId = caseForm("IDENTITY_VERIFICATION", a.email(), code, Map.of("selfie", Documents.jpeg(100, 100)))
                .when().post("/api/v1/cases").then().statusCode(201).body("type", equalTo("IDENTITY_REVERIFICATION"))
                .extract().path("id");
        String token = caseToken(a, 1);
        String reviewer = reviewerToken();
        asReviewer(reviewer).contentType("application/json").body("{}")
                .when().post("/api/v1/review/cases/" + caseId + "/reject")
                .then().statusCode(400).body("code", equalTo("missing_field")).body("field", equalTo("reason"));
        asReviewer(reviewer).contentType("application/json").body(Map.of("reason", "The selfie does not show the ID"))
                .when().post("/api/v1/review/cases/" + caseId + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/cases/" + caseId)
                .then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("decisionReason", equalTo("The selfie does not show the ID"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Kafka.ticketEvents(a.accountId()).stream()
                .anyMatch(e -> e.type() == TicketEvent.Type.RESOLVED && "REJECTED".equals(e.status())));
        assertThat(Kafka.ticketEvents(a.accountId())).noneMatch(e -> e.type() == TicketEvent.Type.ACTION_APPROVED);

        String fileId = asReviewer(reviewer).when().get("/api/v1/review/cases/" + caseId).then().extract().path("files[0].id");
        clock.fixAt(Instant.now().plus(Duration.ofDays(90)).plusSeconds(5));
        retention.sweepNow();
        clock.useSystem();
        asReviewer(reviewer).when().get("/api/v1/review/cases/" + caseId + "/files/" + fileId)
                .then().statusCode(410).body("code", equalTo("file_deleted"));
        List<String> steps = asReviewer(reviewer).when().get("/api/v1/review/cases/" + caseId)
                .then().body("files[0].deletedAt", notNullValue()).extract().path("audit.action");
        assertThat(steps).contains("REJECTED", "FILES_DELETED");
    }

    @Test
    void anUnreadableAccountRecordGoesToTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();
        String counted = "source=\"" + Topics.ACCOUNTS + "\"";
        double before = deadLetters(counted);
        Kafka.probe().send(Topics.ACCOUNTS, key, "{not json".getBytes());
        await().atMost(Duration.ofSeconds(20)).until(() -> !Kafka.probe().read(Topics.TICKET_DLQ, key).isEmpty());
        var dead = Kafka.probe().read(Topics.TICKET_DLQ, key).get(0);
        assertThat(new String(dead.headers().lastHeader("dead-letter-consumer").value())).isEqualTo("ticket-service");
        assertThat(new String(dead.value())).isEqualTo("{not json");
        assertThat(deadLetters(counted, "dlq=\"" + Topics.TICKET_DLQ + "\"") - before).isEqualTo(1.0);
    }

    private static double deadLetters(String... labels) {
        return io.loginguard.testinfra.metrics.PrometheusText.sum(given().when().get("/q/metrics").then().statusCode(200)
                .extract().asString(), "loginguard_dead_letters_total", labels);
    }

    static String email() {
        return "person-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Helpers local to this class. */
    static final class CaseApiCodes {
        static void askWithNewPhone(String email, String newPhone) {
            io.loginguard.ticket.support.CaseApi.askCodes(email, "PHONE_CHANGE", newPhone).statusCode(202);
        }
    }

    /** A second reviewer account, created once. */
    static final class SecondReviewer {
        private static String token;

        static synchronized String token() {
            if (token == null) {
                io.quarkus.arc.Arc.container().instance(io.loginguard.ticket.review.Reviewers.class).get()
                        .create("second-reviewer", "second-reviewer-password");
                token = reviewerToken("second-reviewer", "second-reviewer-password");
            }
            return token;
        }
    }
}
