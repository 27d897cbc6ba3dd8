package io.loginguard.ticket.cases;

import static io.loginguard.ticket.support.CaseApi.caseForm;
import static io.loginguard.ticket.support.CaseApi.known;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.ticket.account.AccountProjection;
import io.loginguard.ticket.support.CaseApi;
import io.loginguard.ticket.support.Documents;
import io.loginguard.ticket.support.Kafka;
import io.loginguard.ticket.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The 2-hour rule through the API, at its edges, with the service's clock set to the second. */
@QuarkusTest
class ReactivationTest {
    @Inject
    AccountProjection projection;
    @Inject
    TestClock clock;

    @AfterEach
    void systemClock() {
        clock.useSystem();
    }

    @Test
    void refusedAt1h59m59sWithTheTimeToComeBackAndAcceptedAt2h() {
        Instant frozenAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        String phone = "+86137" + String.format("%08d", (long) (Math.random() * 100_000_000L));
        AccountSnapshot a = known(Kafka.account("frozen-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                phone, AccountSnapshot.Status.FROZEN, frozenAt, Set.of()), projection);

        clock.fixAt(frozenAt.plus(Duration.ofMinutes(119)));
        CaseApi.askCodes(a.email(), "REACTIVATION", null).statusCode(202);
        String code = Kafka.awaitSecret(a.accountId(), "case-code", a.email(), 1).get("code");
        String phoneCode = Kafka.awaitSecret(a.accountId(), "case-code", phone, 1).get("code");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("idFront", Documents.jpeg(200, 120));
        files.put("selfie", Documents.jpeg(120, 200));

        clock.fixAt(frozenAt.plus(Duration.ofHours(2)).minusSeconds(1));
        caseForm("REACTIVATION", a.email(), code, files).multiPart("phoneCode", phoneCode)
                .when().post("/api/v1/cases")
                .then().statusCode(409).body("code", equalTo("reactivation_too_early"))
                .body("retryAt", equalTo(frozenAt.plus(Duration.ofHours(2)).toString()))
                .header("Retry-After", equalTo("1"));

        clock.fixAt(frozenAt.plus(Duration.ofHours(2)));
        caseForm("REACTIVATION", a.email(), code, files).multiPart("phoneCode", "000000")
                .when().post("/api/v1/cases").then().statusCode(400).body("code", equalTo("invalid_code"))
                .body("field", equalTo("phoneCode"));
        String caseId = caseForm("REACTIVATION", a.email(), code, files).multiPart("phoneCode", phoneCode)
                .when().post("/api/v1/cases").then().statusCode(201).body("status", equalTo("OPEN")).extract().path("id");
        assertThat(caseId).isNotBlank();
    }

    @Test
    void anAccountThatIsNotFrozenHasNothingToReactivate() {
        AccountSnapshot a = known(Kafka.account("active-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                null, AccountSnapshot.Status.ACTIVE, null, Set.of()), projection);
        String code = CaseApi.emailCode(a, "REACTIVATION", 1);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("idFront", Documents.jpeg(200, 120));
        files.put("selfie", Documents.jpeg(120, 200));
        caseForm("REACTIVATION", a.email(), code, files).when().post("/api/v1/cases")
                .then().statusCode(409).body("code", equalTo("account_not_frozen"));
    }

    @Test
    void anAccountWithSecurityQuestionsMustAnswerThemAll() {
        AccountSnapshot plain = Kafka.account("questions-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                null, AccountSnapshot.Status.FROZEN, Instant.now().minus(Duration.ofHours(3)), Set.of());
        de.mkammerer.argon2.Argon2 argon2 = de.mkammerer.argon2.Argon2Factory.create(
                de.mkammerer.argon2.Argon2Factory.Argon2Types.ARGON2id, 16, 32);
        // as auth seals them: questions and the Argon2id hashes of the normalised answers, bound to the account id
        String sealed = io.loginguard.events.SealedParams.seal(Map.of("count", "2",
                "question.1", "Name of your first pet?", "answerHash.1",
                argon2.hash(1, 4096, 1, AccountSnapshot.normalizeAnswer("Rex").toCharArray()),
                "question.2", "City you were born in?", "answerHash.2",
                argon2.hash(1, 4096, 1, AccountSnapshot.normalizeAnswer("Lyon").toCharArray())),
                plain.accountId(), "dev", Kafka.DEV_SEALING_KEY);
        AccountSnapshot a = known(new AccountSnapshot(plain.eventId(), plain.occurredAt(), plain.accountId(), plain.status(),
                plain.email(), null, true, false, Set.of(), null, plain.frozenAt(), "en", plain.version(), null, sealed),
                projection);
        String code = CaseApi.emailCode(a, "REACTIVATION", 1);

        io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("identifier", a.email(), "code", code)).post("/api/v1/cases/security-questions")
                .then().statusCode(200).body("questions", org.hamcrest.Matchers.contains("Name of your first pet?",
                        "City you were born in?"));
        io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("identifier", a.email(), "code", "000000")).post("/api/v1/cases/security-questions")
                .then().statusCode(400).body("code", equalTo("invalid_code"));

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("idFront", Documents.jpeg(200, 120));
        files.put("selfie", Documents.jpeg(120, 200));
        caseForm("REACTIVATION", a.email(), code, files).when().post("/api/v1/cases")
                .then().statusCode(400).body("code", equalTo("invalid_answers"));
        caseForm("REACTIVATION", a.email(), code, files).multiPart("answer1", "rex").multiPart("answer2", "Paris")
                .when().post("/api/v1/cases").then().statusCode(400).body("code", equalTo("invalid_answers"));
        caseForm("REACTIVATION", a.email(), code, files).multiPart("answer1", "  REX ").multiPart("answer2", "lyon")
                .when().post("/api/v1/cases").then().statusCode(201).body("status", equalTo("OPEN"));
    }
}
