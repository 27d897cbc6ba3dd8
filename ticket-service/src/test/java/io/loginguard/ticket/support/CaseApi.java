package io.loginguard.ticket.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.Topics;
import io.loginguard.ticket.account.AccountProjection;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API as a person and a reviewer use it, for tests. */
public final class CaseApi {
    public static final String REVIEWER = "reviewer";
    public static final String REVIEWER_PASSWORD = "dev-only-reviewer-password";

    private CaseApi() {
    }

    /** Publishes the account on auth.accounts and waits until ticket-service's projection has it. */
    public static AccountSnapshot known(AccountSnapshot snapshot, AccountProjection projection) {
        Kafka.publish(Topics.ACCOUNTS, snapshot);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> projection.byId(snapshot.accountId()).map(a -> a.version() == snapshot.version()).orElse(false));
        return snapshot;
    }

    public static ValidatableResponse askCodes(String email, String type, String newPhone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identifier", email);
        body.put("type", type);
        if (newPhone != null) {
            body.put("newPhone", newPhone);
        }
        return given().contentType("application/json").body(body).when().post("/api/v1/cases/email-codes").then();
    }

    /** Asks for the codes and returns the n-th email code sent to the account's email. */
    public static String emailCode(AccountSnapshot a, String type, int nth) {
        askCodes(a.email(), type, null).statusCode(202);
        return Kafka.awaitSecret(a.accountId(), "case-code", a.email(), nth).get("code");
    }

    /** A multipart case: the text fields, then files as part name → bytes. */
    public static RequestSpecification caseForm(String type, String email, String code, Map<String, byte[]> files) {
        RequestSpecification spec = given().multiPart("type", type).multiPart("identifier", email);
        if (code != null) {
            spec = spec.multiPart("code", code);
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            spec = spec.multiPart(f.getKey(), f.getKey() + ".jpg", f.getValue(), "image/jpeg");
        }
        return spec;
    }

    public static Map<String, byte[]> idAndSelfie() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("idFront", Documents.jpegWithExif(400, 300));
        files.put("idBack", Documents.png(400, 300));
        files.put("selfie", Documents.jpeg(300, 400));
        return files;
    }

    public static String reviewerToken() {
        return reviewerToken(REVIEWER, REVIEWER_PASSWORD);
    }

    public static String reviewerToken(String username, String password) {
        return given().contentType("application/json").body(Map.of("username", username, "password", password))
                .when().post("/api/v1/review/login").then().statusCode(200).extract().path("token");
    }

    public static RequestSpecification asReviewer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** The case access token the person was mailed for the case. */
    public static String caseToken(AccountSnapshot a, int nth) {
        return Kafka.awaitSecret(a.accountId(), "case-opened", a.email(), nth).get("token");
    }
}
