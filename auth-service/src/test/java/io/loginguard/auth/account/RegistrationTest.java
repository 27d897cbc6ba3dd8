package io.loginguard.auth.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.loginguard.auth.db.Sql;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.events.NotificationRequested;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistrationTest {

    static String email() {
        return "reg-" + UUID.randomUUID() + "@example.com";
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ResendLimiter limiter;

    @Inject
    RedisDataSource redis;

    @Test
    void aNewEmailGetsACodeAndBecomesActiveWithIt() {
        String email = email();
        register(email, "Correct1horse").then().statusCode(202)
                .body("status", equalTo("verification_pending"))
                .body("codeValidMinutes", equalTo(30))
                .body(not(containsString("Correct1horse")));
        String code = TestAccounts.awaitCode(bootstrap, email);
        NotificationRequested sent = TestAccounts.requestsTo(bootstrap, email).get(0);
        assertThat(sent.template()).isEqualTo("registration-code");
        assertThat(sent.channel()).isEqualTo(NotificationRequested.Channel.EMAIL);
        assertThat(sent.params()).containsEntry("validMinutes", "30").doesNotContainValue(code);
        assertThat(sent.sealedParams()).doesNotContain(code);
        assertThat(Duration.between(sent.occurredAt(), sent.expiresAt())).isEqualTo(Duration.ofMinutes(30));

        verify(email, wrong(code)).then().statusCode(400).body("code", equalTo("invalid_code"));
        verify(email, code).then().statusCode(200)
                .body("id", notNullValue()).body("email", equalTo(email)).body("status", equalTo("ACTIVE"));
        verify(email, code).then().statusCode(400).body("code", equalTo("invalid_code")); // single use
    }

    @Test
    void aPhoneNumberGetsItsCodeBySms() {
        String phone = "+4915" + (100_000_000 + (long) (Math.random() * 899_999_999L));
        given().contentType(ContentType.JSON).body("{\"phone\":\"" + phone + "\",\"password\":\"Correct1horse\"}")
                .post("/api/v1/accounts").then().statusCode(202);
        String code = TestAccounts.awaitCode(bootstrap, phone);
        assertThat(TestAccounts.requestsTo(bootstrap, phone).get(0).channel()).isEqualTo(NotificationRequested.Channel.SMS);
        given().contentType(ContentType.JSON).body("{\"phone\":\"" + phone + "\",\"code\":\"" + code + "\"}")
                .post("/api/v1/accounts/verification").then().statusCode(200).body("phone", equalTo(phone));
    }

    @Test
    void theAnswerIsTheSameWhetherOrNotTheIdentifierIsRegisteredAndTheOwnerIsTold() {
        String email = email();
        String first = register(email, "Correct1horse").then().statusCode(202).extract().asString();
        verify(email, TestAccounts.awaitCode(bootstrap, email)).then().statusCode(200);
        forgetSends(email);

        String again = register(email.toUpperCase(), "Other1horse2").then().statusCode(202).extract().asString();
        assertThat(again).isEqualTo(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestAccounts.requestsTo(bootstrap, email).size() == 2);
        NotificationRequested notice = TestAccounts.requestsTo(bootstrap, email).get(1);
        assertThat(notice.template()).isEqualTo("registration-attempt-existing");
        assertThat(notice.sealedParams()).as("no code for an identifier already registered").isNull();
    }

    @Test
    void theFifthWrongTryBurnsTheCodeAndFourDoNot() {
        String burned = email();
        register(burned, "Correct1horse").then().statusCode(202);
        String code = TestAccounts.awaitCode(bootstrap, burned);
        for (int i = 0; i < 5; i++) {
            verify(burned, wrong(code)).then().statusCode(400).body("code", equalTo("invalid_code"));
        }
        verify(burned, code).then().statusCode(400).body("code", equalTo("invalid_code"));

        String kept = email();
        register(kept, "Correct1horse").then().statusCode(202);
        String keptCode = TestAccounts.awaitCode(bootstrap, kept);
        for (int i = 0; i < 4; i++) {
            verify(kept, wrong(keptCode)).then().statusCode(400);
        }
        verify(kept, keptCode).then().statusCode(200);
    }

    @Test
    void aCodeIsRefusedFromTheMomentItExpires() {
        String email = email();
        register(email, "Correct1horse").then().statusCode(202);
        String code = TestAccounts.awaitCode(bootstrap, email);
        Sql.update("UPDATE verification_codes SET expires_at = ? WHERE destination = ?", Instant.now(), email);
        verify(email, code).then().statusCode(400).body("code", equalTo("code_expired"));
    }

    @Test
    void resendingIsLimitedAlikeForEveryIdentifier() {
        String email = email();
        register(email, "Correct1horse").then().statusCode(202);
        resend(email).then().statusCode(429).body("code", equalTo("too_frequent"))
                .header("Retry-After", notNullValue());
        String unknown = email();
        resend(unknown).then().statusCode(202).body("status", equalTo("verification_pending"));
        resend(unknown).then().statusCode(429).body("code", equalTo("too_frequent"));
        assertThat(TestAccounts.requestsTo(bootstrap, unknown)).as("nothing sent to an unknown identifier").isEmpty();
    }

    @Test
    void aResentCodeReplacesTheOldOne() {
        String email = email();
        register(email, "Correct1horse").then().statusCode(202);
        String old = TestAccounts.awaitCode(bootstrap, email);
        forgetSends(email);
        resend(email).then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestAccounts.requestsTo(bootstrap, email).size() == 2);
        String fresh = TestAccounts.newestCode(bootstrap, email).orElseThrow();
        if (!fresh.equals(old)) {
            verify(email, old).then().statusCode(400).body("code", equalTo("invalid_code"));
        }
        verify(email, fresh).then().statusCode(200);
    }

    @Test
    void aRegistrationNobodyVerifiedIsForgottenAfter24Hours() {
        String email = email();
        register(email, "Correct1horse").then().statusCode(202);
        TestAccounts.awaitCode(bootstrap, email);
        Sql.update("UPDATE accounts SET created_at = ? WHERE email = ?", Instant.now().minus(Duration.ofHours(24)), email);
        assertThat(registrations.deleteExpiredRegistrations()).isPositive();
        assertThat(QuarkusTransaction.requiringNew().call(() -> Account.findByEmail(email).isPresent())).isFalse();
    }

    @Inject
    RegistrationService registrations;

    @Test
    void aMissingFieldIsNamed() {
        given().contentType(ContentType.JSON).body("{\"password\":\"Correct1horse\"}")
                .post("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("identifier_required"))
                .body("errors.field", hasItem("email"));
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email() + "\"}")
                .post("/api/v1/accounts")
                .then().statusCode(400).body("code", equalTo("invalid_field")).body("errors.field", hasItem("password"));
    }

    private void forgetSends(String email) {
        redis.execute("DEL", limiter.key("codes", email.toLowerCase()));
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    static io.restassured.response.Response verify(String email, String code) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}")
                .post("/api/v1/accounts/verification");
    }

    static io.restassured.response.Response resend(String email) {
        return given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\"}")
                .post("/api/v1/accounts/verification/code");
    }

    @Test
    void aWeakPasswordIsRefusedWithEveryBrokenRule() {
        register(email(), "short").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("password_too_short"))
                .body("errors.code", hasItem("password_needs_digit"))
                .body("errors.field", hasItem("password"))
                .body("errors.message", hasItem("must be at least 8 characters"))
                .body("errors.message", hasItem("must contain an upper-case letter"))
                .body("errors.message", hasItem("must contain a digit"));
    }

    @Test
    void malformedJsonIsA400() {
        given().contentType(ContentType.JSON).body("{\"email\": \"x@example.com\", ")
                .post("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("malformed_json"))
                .body(not(containsString("Exception")));
    }

    @Test
    void aMissingBodyIsA400() {
        given().contentType(ContentType.JSON).post("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", notNullValue());
    }

    @Test
    void aWrongTypeIsNamed() {
        given().contentType(ContentType.JSON).body("{\"email\":{\"nested\":true},\"password\":\"Correct1horse\"}")
                .post("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_field"))
                .body("errors.field", hasItem("email"));
    }

    @Test
    void anInvalidEmailIsNamed() {
        register("not-an-email", "Correct1horse").then().statusCode(400)
                .body("code", equalTo("invalid_field"))
                .body("errors.field", hasItem("email"));
    }

    @Test
    void anOverlongFieldIsNamed() {
        register(email(), "Aa1" + "x".repeat(300)).then().statusCode(400)
                .body("code", equalTo("invalid_field"))
                .body("errors.field", hasItem("password"));
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        String huge = "{\"email\":\"a@example.com\",\"password\":\"" + "A1a".repeat(20_000) + "\"}";
        given().contentType(ContentType.JSON).body(huge).post("/api/v1/accounts")
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("body_too_large"));
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/api/v1/accounts"))
                .body(containsString("/api/v1/sessions"));
    }

    static io.restassured.response.Response register(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/accounts");
    }
}
