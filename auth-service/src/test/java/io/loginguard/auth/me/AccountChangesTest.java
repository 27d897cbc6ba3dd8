package io.loginguard.auth.me;

import static io.loginguard.auth.me.DeviceSessionsTest.me;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Password change, phone change and sub-accounts, on the real broker, PostgreSQL and Redis. */
@QuarkusTest
class AccountChangesTest {
    static final String PASSWORD = DeviceSessionsTest.PASSWORD;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    PipelineView pipeline;

    @Inject
    ResendLimiter limiter;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void risk() {
        RiskHeartbeatResponder.answering(bootstrap, pipeline);
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPasswordAndEndsEveryOtherSession() {
        String email = "change-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        String here = DeviceSessionsTest.login(email, "laptop").then().statusCode(201).extract().path("token");
        String there = DeviceSessionsTest.login(email, "phone").then().statusCode(201).extract().path("token");

        change(here, "Wrong1horse", "Battery9staple").then().statusCode(401).body("code", equalTo("invalid_credentials"));
        forget("password-change", accountId);
        change(here, PASSWORD, "password1").then().statusCode(400).body("errors[0].field", equalTo("newPassword"));
        forget("password-change", accountId);
        change(here, PASSWORD, "Battery9staple").then().statusCode(204);

        me(there).get("/api/v1/me/sessions").then().statusCode(401);
        me(here).get("/api/v1/me/sessions").then().statusCode(200).body("$", hasSize(1));
        login(email, PASSWORD).then().statusCode(401);
        login(email, "Battery9staple").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(accountId, SecurityEvent.Type.PASSWORD_CHANGED) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> securityEvents(accountId, SecurityEvent.Type.SESSION_REVOKED) == 1);
    }

    @Test
    void aPhoneIsAddedWithItsCodeAndChangedOnlyWithTheOldNumbersCodeToo() {
        String email = "phone-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        String token = DeviceSessionsTest.login(email, "laptop").then().statusCode(201).extract().path("token");

        String first = phone();
        me(token).contentType(ContentType.JSON).body("{\"phone\":\"" + first + "\"}").post("/api/v1/me/phone")
                .then().statusCode(202).body("codeSentToOldNumber", equalTo(false));
        String code = TestAccounts.awaitCode(bootstrap, first);
        confirm(token, wrong(code), null).then().statusCode(400).body("code", equalTo("invalid_code"));
        confirm(token, code, null).then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> hasPhone(accountId, first));
        given().contentType(ContentType.JSON).body("{\"phone\":\"" + first + "\",\"password\":\"" + PASSWORD + "\"}")
                .post("/api/v1/sessions").then().statusCode(201);

        forget("phone-change", accountId);
        String second = phone();
        me(token).contentType(ContentType.JSON).body("{\"phone\":\"" + second + "\"}").post("/api/v1/me/phone")
                .then().statusCode(202).body("codeSentToOldNumber", equalTo(true));
        String newCode = TestAccounts.awaitCode(bootstrap, second);
        String oldCode = await().atMost(Duration.ofSeconds(20)).until(() -> codesTo(first), l -> l.size() == 2)
                .get(1);
        assertThat(TestAccounts.requestsTo(bootstrap, first).get(1).template()).isEqualTo("phone-change-code");
        confirm(token, newCode, null).then().statusCode(400).body("code", equalTo("old_code_required"));
        confirm(token, newCode, oldCode).then().statusCode(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> hasPhone(accountId, second));
        assertThat(securityEvents(accountId, SecurityEvent.Type.PHONE_CHANGED)).isEqualTo(2);
        confirm(token, newCode, oldCode).then().statusCode(404).body("code", equalTo("no_phone_change"));
    }

    @Test
    void aPhoneOfAnotherAccountIsRefused() {
        String owner = "owner-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, owner, PASSWORD);
        String ownerToken = DeviceSessionsTest.login(owner, "a").then().statusCode(201).extract().path("token");
        String number = phone();
        me(ownerToken).contentType(ContentType.JSON).body("{\"phone\":\"" + number + "\"}").post("/api/v1/me/phone")
                .then().statusCode(202);
        confirm(ownerToken, TestAccounts.awaitCode(bootstrap, number), null).then().statusCode(204);

        String other = "other-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, other, PASSWORD);
        String otherToken = DeviceSessionsTest.login(other, "b").then().statusCode(201).extract().path("token");
        me(otherToken).contentType(ContentType.JSON).body("{\"phone\":\"" + number + "\"}").post("/api/v1/me/phone")
                .then().statusCode(409).body("code", equalTo("identifier_taken"));
        me(otherToken).contentType(ContentType.JSON).body("{\"phone\":\"12345\"}").post("/api/v1/me/phone")
                .then().statusCode(400).body("errors[0].field", equalTo("phone"));
    }

    @Test
    void aSubAccountLogsInOnItsOwnNamesItsMasterAndIsFrozenByIt() {
        String masterEmail = "master-" + UUID.randomUUID() + "@example.com";
        String masterId = TestAccounts.active(bootstrap, masterEmail, PASSWORD);
        String master = DeviceSessionsTest.login(masterEmail, "desk").then().statusCode(201).extract().path("token");
        String subEmail = "sub-" + UUID.randomUUID() + "@example.com";

        String subId = me(master).contentType(ContentType.JSON)
                .body("{\"email\":\"" + subEmail + "\",\"password\":\"Trading7desk\"}").post("/api/v1/me/sub-accounts")
                .then().statusCode(201).body("status", equalTo("ACTIVE")).body("email", equalTo(subEmail))
                .extract().path("id");
        me(master).contentType(ContentType.JSON).body("{\"email\":\"" + subEmail + "\",\"password\":\"Trading7desk\"}")
                .post("/api/v1/me/sub-accounts").then().statusCode(409).body("code", equalTo("identifier_taken"));
        me(master).contentType(ContentType.JSON).body("{\"email\":\"x-" + subEmail + "\",\"password\":\"short\"}")
                .post("/api/v1/me/sub-accounts").then().statusCode(400).body("errors[0].field", equalTo("password"));
        me(master).get("/api/v1/me/sub-accounts").then().statusCode(200).body("$", hasSize(1))
                .body("[0].id", equalTo(subId));

        String sub = login(subEmail, "Trading7desk").then().statusCode(201).extract().path("token");
        me(sub).contentType(ContentType.JSON).body("{\"email\":\"y-" + subEmail + "\",\"password\":\"Trading7desk\"}")
                .post("/api/v1/me/sub-accounts").then().statusCode(403).body("code", equalTo("sub_account_not_allowed"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !attempts(subId).isEmpty());
        assertThat(attempts(subId)).allSatisfy(a -> assertThat(a.masterAccountId()).isEqualTo(masterId));
        await().atMost(Duration.ofSeconds(20)).until(() -> snapshotOf(subId) != null);
        assertThat(snapshotOf(subId).masterAccountId()).isEqualTo(masterId);

        me(master).post("/api/v1/me/sub-accounts/" + UUID.randomUUID() + "/freeze").then().statusCode(404);
        me(master).post("/api/v1/me/sub-accounts/not-an-id/freeze").then().statusCode(404);
        me(master).post("/api/v1/me/sub-accounts/" + subId + "/freeze").then().statusCode(204);
        me(sub).get("/api/v1/me/sessions").then().statusCode(401);
        login(subEmail, "Trading7desk").then().statusCode(403).body("code", equalTo("account_frozen"));
        login(masterEmail, PASSWORD).then().statusCode(201);
    }

    @Test
    void securityQuestionsNeedThePasswordAndReachTicketSealedAsHashes() {
        String email = "questions-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        String token = DeviceSessionsTest.login(email, "laptop").then().statusCode(201).extract().path("token");
        String two = "[{\"question\":\"Name of your first pet?\",\"answer\":\"  Rex  The Dog \"},"
                + "{\"question\":\"City you were born in?\",\"answer\":\"Lyon\"}]";

        questions(token, "Wrong1horse", two).then().statusCode(401).body("code", equalTo("invalid_credentials"));
        forget("security-questions", accountId);
        questions(token, PASSWORD, "[{\"question\":\"Name of your first pet?\",\"answer\":\"Rex\"}]")
                .then().statusCode(400).body("errors[0].field", equalTo("questions"));
        questions(token, PASSWORD, two).then().statusCode(204);
        me(token).get("/api/v1/me/security-questions").then().statusCode(200)
                .body("questions", org.hamcrest.Matchers.contains("Name of your first pet?", "City you were born in?"));

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            AccountSnapshot s = snapshotOf(accountId);
            return s != null && s.securityQuestions() != null;
        });
        String sealed = snapshotOf(accountId).securityQuestions();
        assertThat(sealed).doesNotContain("Rex").doesNotContain("pet");
        java.util.Map<String, String> opened = io.loginguard.events.SealedParams.open(sealed, accountId, TestAccounts.DEV_KEYS);
        assertThat(opened).containsEntry("count", "2").containsEntry("question.1", "Name of your first pet?");
        assertThat(hasher.verify(opened.get("answerHash.1"), AccountSnapshot.normalizeAnswer("rex the dog"))).isTrue();
        assertThat(hasher.verify(opened.get("answerHash.2"), AccountSnapshot.normalizeAnswer("Paris"))).isFalse();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> securityEvents(accountId, SecurityEvent.Type.SECURITY_QUESTIONS_CHANGED) == 1);
    }

    @Inject
    io.loginguard.auth.password.PasswordHasher hasher;

    private static Response questions(String token, String password, String list) {
        return me(token).contentType(ContentType.JSON)
                .body("{\"password\":\"" + password + "\",\"questions\":" + list + "}").put("/api/v1/me/security-questions");
    }

    @Test
    void aMastersStricterPolicyReachesItsSubAccountsAndTheGateHoldsIt() {
        String masterEmail = "policy-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, masterEmail, PASSWORD);
        String master = DeviceSessionsTest.login(masterEmail, "desk").then().statusCode(201).extract().path("token");
        String subEmail = "policy-sub-" + UUID.randomUUID() + "@example.com";
        String subId = me(master).contentType(ContentType.JSON)
                .body("{\"email\":\"" + subEmail + "\",\"password\":\"Trading7desk\"}").post("/api/v1/me/sub-accounts")
                .then().statusCode(201).extract().path("id");

        me(master).contentType(ContentType.JSON).body("{\"lockoutThreshold\":6}").put("/api/v1/me/sub-accounts/risk-policy")
                .then().statusCode(400).body("errors[0].field", equalTo("lockoutThreshold"));
        me(master).contentType(ContentType.JSON).body("{\"lockoutThreshold\":3,\"lockMinutes\":120}")
                .put("/api/v1/me/sub-accounts/risk-policy").then().statusCode(200).body("lockoutThreshold", equalTo(3));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            AccountSnapshot s = snapshotOf(subId);
            return s != null && s.riskPolicy() != null;
        });
        assertThat(snapshotOf(subId).riskPolicy()).isEqualTo(new AccountSnapshot.RiskPolicy(3, 120));

        String sub = login(subEmail, "Trading7desk").then().statusCode(201).extract().path("token");
        me(sub).get("/api/v1/me/sub-accounts/risk-policy").then().statusCode(200).body("lockMinutes", equalTo(120));
        me(sub).contentType(ContentType.JSON).body("{\"lockoutThreshold\":1}").put("/api/v1/me/sub-accounts/risk-policy")
                .then().statusCode(403).body("code", equalTo("sub_account_not_allowed"));

        // the stand-in for risk leaves failures unanswered, so they stay in flight: the gate lets 3 through, not 5
        String wrongPasswords = "policy-burst-" + UUID.randomUUID() + "@example.com";
        me(master).contentType(ContentType.JSON)
                .body("{\"email\":\"" + wrongPasswords + "\",\"password\":\"Trading7desk\"}").post("/api/v1/me/sub-accounts")
                .then().statusCode(201);
        List<Integer> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(login(wrongPasswords, "Wrong1horse").statusCode());
        }
        assertThat(answers).containsExactly(401, 401, 401, 429, 429);
    }

    private Response change(String token, String current, String next) {
        return me(token).contentType(ContentType.JSON)
                .body("{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}").put("/api/v1/me/password");
    }

    private static Response confirm(String token, String newCode, String oldCode) {
        return me(token).contentType(ContentType.JSON).body(oldCode == null
                        ? "{\"newNumberCode\":\"" + newCode + "\"}"
                        : "{\"newNumberCode\":\"" + newCode + "\",\"oldNumberCode\":\"" + oldCode + "\"}")
                .post("/api/v1/me/phone/confirmation");
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Device-Id", "test")
                .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").post("/api/v1/sessions");
    }

    private void forget(String bucket, String accountId) {
        redis.execute("DEL", limiter.key(bucket, accountId));
    }

    private List<String> codesTo(String destination) {
        return TestAccounts.requestsTo(bootstrap, destination).stream().filter(n -> n.sealedParams() != null)
                .map(n -> io.loginguard.events.SealedParams.open(n.sealedParams(), n.requestId().toString(),
                        TestAccounts.DEV_KEYS).get("code"))
                .toList();
    }

    private long securityEvents(String accountId, SecurityEvent.Type type) {
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            return kafka.read(Topics.SECURITY_EVENTS, accountId).stream()
                    .map(r -> EventJson.fromBytes(r.value(), SecurityEvent.class)).filter(e -> e.type() == type).count();
        }
    }

    private boolean hasPhone(String accountId, String phone) {
        AccountSnapshot s = snapshotOf(accountId);
        return s != null && phone.equals(s.phone()) && s.phoneVerified();
    }

    private AccountSnapshot snapshotOf(String accountId) {
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            List<AccountSnapshot> all = kafka.read(Topics.ACCOUNTS, accountId).stream()
                    .map(r -> EventJson.fromBytes(r.value(), AccountSnapshot.class)).toList();
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }
    }

    private List<LoginAttempted> attempts(String accountId) {
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            return kafka.read(Topics.LOGIN_ATTEMPTS, accountId).stream()
                    .map(r -> EventJson.fromBytes(r.value(), LoginAttempted.class)).toList();
        }
    }

    private static String phone() {
        return "+4915" + (100_000_000 + ThreadLocalRandom.current().nextInt(900_000_000));
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}
