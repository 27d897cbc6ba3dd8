package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PagesTest.PASSWORD;
import static io.loginguard.auth.web.pages.PagesTest.csrf;
import static io.loginguard.auth.web.pages.PagesTest.path;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.SecurityQuestion;
import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.factor.SecondFactor;
import io.loginguard.auth.password.PasswordHasher;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.SealedParams;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The settings pages added after the first ones, driven as a browser drives them: security questions (set, changed,
 * removed with the password), a master's lockout policy, and the last second factor that stays on.
 */
@QuarkusTest
class SettingsPagesTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    PipelineView pipeline;

    @Inject
    ResendLimiter limiter;

    @Inject
    RedisDataSource redis;

    @Inject
    PasswordHasher hasher;

    @BeforeEach
    void risk() {
        RiskHeartbeatResponder.answering(bootstrap, pipeline);
    }

    PagesTest.Browser signedIn(String email, String language) {
        TestAccounts.active(bootstrap, email, PASSWORD);
        return login(email, PASSWORD, language);
    }

    static PagesTest.Browser login(String email, String password, String language) {
        PagesTest.Browser b = new PagesTest.Browser(language);
        Response r = b.submit("/login", "/login", Map.of("email", email, "password", password));
        assertThat(path(r.header("Location"))).isEqualTo("/security");
        return b;
    }

    static void labelled(Response page) {
        String html = page.asString();
        Matcher ids = Pattern.compile("<input id=\"([^\"]+)\"").matcher(html);
        int inputs = 0;
        while (ids.find()) {
            inputs++;
            assertThat(html).as("label for " + ids.group(1)).contains("<label for=\"" + ids.group(1) + "\"");
        }
        assertThat(inputs).isPositive();
        assertThat(html).doesNotContain(" style=").doesNotContainPattern("<script(?![^>]*\\ssrc=)");
    }

    private void forget(String bucket, String who) {
        redis.execute("DEL", limiter.key(bucket, who));
    }

    private static Map<String, String> questions(String password, String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put("question" + (i / 2 + 1), pairs[i]);
            form.put("answer" + (i / 2 + 1), pairs[i + 1]);
        }
        form.put("password", password);
        return form;
    }

    @Test
    void securityQuestionsAreSetChangedAndRemovedWithThePassword() {
        String email = AccountPagesTest.email("questions");
        PagesTest.Browser b = signedIn(email, "en");
        String accountId = QuarkusTransaction.requiringNew().call(() -> Account.findByEmail(email).orElseThrow().id.toString());
        assertThat(b.get("/security").asString()).contains("href=\"/security/questions\"");
        Response page = b.get("/security/questions");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString()).contains("You have no security questions yet.")
                .doesNotContain("action=\"/security/questions/removal\"");
        labelled(page);
        assertThat(b.post("/security/questions", questions(PASSWORD, "Name of your first pet?", "Rex",
                "City you were born in?", "Lyon")).statusCode()).isEqualTo(403);

        // refused fields, named beside themselves; what was typed stays, the answers never come back
        Response r = b.post("/security/questions", withCsrf(page, questions(PASSWORD, "Pet?", "Rex",
                "City you were born in?", "L")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"question1-error\"").contains("a question of 5 to 200 characters")
                .contains("id=\"answer2-error\"").contains("aria-describedby=\"answer2-error\"")
                .contains("value=\"City you were born in?\"").doesNotContain("value=\"Rex\"");
        r = b.post("/security/questions", withCsrf(page, questions(PASSWORD, "Name of your first pet?", "Rex")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("Give 2 or 3 questions");
        r = b.post("/security/questions", withCsrf(page, questions(PASSWORD, "Name of your first pet?", "Rex",
                "name of your FIRST pet?", "Rex")));
        assertThat(r.asString()).contains("id=\"question2-error\"").contains("asked twice");
        r = b.post("/security/questions", withCsrf(page, questions("Wrong1horse", "Name of your first pet?", "Rex",
                "City you were born in?", "Lyon")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).contains("id=\"password-error\"").contains("The current password is wrong.");
        forget("security-questions", accountId);

        // set
        r = b.post("/security/questions", withCsrf(page, questions(PASSWORD, "Name of your first pet?", "  Rex  The Dog ",
                "City you were born in?", "Lyon")));
        assertThat(path(r.header("Location"))).isEqualTo("/security/questions?done=saved");
        page = b.follow(r);
        assertThat(page.asString()).contains("Your security questions are saved.").contains("<li>Name of your first pet?</li>")
                .contains("<li>City you were born in?</li>").doesNotContain("Lyon").doesNotContain("Rex")
                .contains("action=\"/security/questions/removal\"");
        List<SecurityQuestion> stored = stored(accountId);
        assertThat(stored).hasSize(2);
        assertThat(hasher.verify(stored.get(0).answerHash, AccountSnapshot.normalizeAnswer("rex the dog"))).isTrue();
        forget("security-questions", accountId);

        // changed: three, replacing the two
        r = b.post("/security/questions", withCsrf(page, questions(PASSWORD, "Name of your first pet?", "Rex",
                "Your favourite teacher?", "Mrs Moreau", "Street you grew up on?", "Rue Mercière")));
        assertThat(path(r.header("Location"))).isEqualTo("/security/questions?done=saved");
        assertThat(stored(accountId)).extracting(q -> q.question).containsExactly("Name of your first pet?",
                "Your favourite teacher?", "Street you grew up on?");
        forget("security-questions", accountId);

        // removed: the password again
        page = b.get("/security/questions");
        assertThat(b.post("/security/questions/removal", Map.of("password", PASSWORD)).statusCode()).isEqualTo(403);
        r = b.post("/security/questions/removal", Map.of("csrf", csrf(page), "password", "Wrong1horse"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).contains("id=\"remove-password-error\"");
        assertThat(stored(accountId)).hasSize(3);
        forget("security-questions", accountId);
        r = b.post("/security/questions/removal", Map.of("csrf", csrf(page), "password", PASSWORD));
        assertThat(path(r.header("Location"))).isEqualTo("/security/questions?done=removed");
        assertThat(b.follow(r).asString()).contains("Your security questions are removed.")
                .contains("You have no security questions yet.");
        assertThat(stored(accountId)).isEmpty();
        // the snapshot ticket-service reads carries no questions any more
        long version = QuarkusTransaction.requiringNew().call(() ->
                Account.findByIdOptional(UUID.fromString(accountId)).orElseThrow().version);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            AccountSnapshot s = newestSnapshot(accountId);
            return s != null && s.version() >= version;
        });
        assertThat(newestSnapshot(accountId).securityQuestions()).isNull();

        // the JSON API: nothing left to remove
        forget("security-questions", accountId);
        given().header("Authorization", "Bearer " + b.cookies.get("lg_session")).contentType(ContentType.JSON)
                .body("{\"password\":\"" + PASSWORD + "\"}").delete("/api/v1/me/security-questions")
                .then().statusCode(404).body("code", org.hamcrest.Matchers.equalTo("no_security_questions"));

        Response chinese = signedIn(AccountPagesTest.email("questions-zh"), "zh").get("/security/questions");
        assertThat(chinese.asString()).contains("安全问题").contains("您尚未设置安全问题。");
    }

    @Test
    void aMasterMakesItsLockoutPolicyStricterAndItsSubAccountSeesIt() {
        String master = AccountPagesTest.email("policy");
        PagesTest.Browser b = signedIn(master, "en");
        Response subs = b.get("/security/sub-accounts");
        assertThat(subs.asString()).contains("href=\"/security/sub-accounts/risk-policy\"");
        String sub = AccountPagesTest.email("policy-sub");
        Response r = b.post("/security/sub-accounts", Map.of("csrf", csrf(subs), "email", sub, "password", "Trading7desk"));
        assertThat(r.statusCode()).isEqualTo(303);

        Response page = b.get("/security/sub-accounts/risk-policy");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString()).contains("id=\"threshold-now\">default (5)<").contains("id=\"minutes-now\">default<");
        labelled(page);
        assertThat(b.post("/security/sub-accounts/risk-policy", Map.of("lockoutThreshold", "3")).statusCode()).isEqualTo(403);

        r = b.post("/security/sub-accounts/risk-policy", Map.of("csrf", csrf(page), "lockoutThreshold", "9", "lockMinutes", "soon"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"lockoutThreshold-error\"").contains("from 1 to 5")
                .contains("id=\"lockMinutes-error\"").contains("aria-invalid=\"true\"").contains("value=\"9\"");
        r = b.post("/security/sub-accounts/risk-policy", Map.of("csrf", csrf(page), "lockoutThreshold", "3", "lockMinutes", "2000"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"lockMinutes-error\"").doesNotContain("id=\"lockoutThreshold-error\"");

        r = b.post("/security/sub-accounts/risk-policy", Map.of("csrf", csrf(page), "lockoutThreshold", "3", "lockMinutes", "120"));
        assertThat(path(r.header("Location"))).isEqualTo("/security/sub-accounts/risk-policy?saved=1");
        page = b.follow(r);
        assertThat(page.asString()).contains("The lockout policy is saved.").contains("id=\"threshold-now\">3<")
                .contains("id=\"minutes-now\">120 min<").contains("value=\"3\"").contains("value=\"120\"");
        // what the JSON API reads, and every account it concerns
        given().header("Authorization", "Bearer " + b.cookies.get("lg_session"))
                .get("/api/v1/me/sub-accounts/risk-policy").then().statusCode(200)
                .body("lockoutThreshold", org.hamcrest.Matchers.equalTo(3)).body("lockMinutes", org.hamcrest.Matchers.equalTo(120));
        QuarkusTransaction.requiringNew().run(() -> {
            for (String who : List.of(master, sub)) {
                Account a = Account.findByEmail(who).orElseThrow();
                assertThat(a.riskLockoutThreshold).as(who).isEqualTo((short) 3);
                assertThat(a.riskLockMinutes).as(who).isEqualTo(120);
            }
        });

        // the sub-account sees its master's numbers, without a form
        Response subPage = login(sub, "Trading7desk", "en").get("/security/sub-accounts/risk-policy");
        assertThat(subPage.asString()).contains("follows the lockout policy its master account sets")
                .contains("id=\"threshold-now\">3<").doesNotContain("name=\"lockoutThreshold\"");

        // empty fields: the defaults again
        r = b.post("/security/sub-accounts/risk-policy", Map.of("csrf", csrf(page), "lockoutThreshold", "", "lockMinutes", ""));
        assertThat(b.follow(r).asString()).contains("id=\"threshold-now\">default (5)<");
        Response chinese = login(master, PASSWORD, "zh").get("/security/sub-accounts/risk-policy");
        assertThat(chinese.asString()).contains("锁定策略").contains("默认（5）");
    }

    @Test
    void theOnlySecondFactorHasNoOffFormAndAPostedRemovalIsRefused() {
        String email = AccountPagesTest.email("last");
        PagesTest.Browser b = signedIn(email, "en");
        String address = "last-" + UUID.randomUUID() + "@example.com";
        Response page = b.get("/security/two-factor");
        Response r = b.post("/security/two-factor/email", Map.of("csrf", csrf(page), "destination", address));
        Response confirm = b.follow(r);
        String code = await().atMost(Duration.ofSeconds(20)).until(() -> TestAccounts.requestsTo(bootstrap, address).stream()
                .filter(n -> n.sealedParams() != null).findFirst(), java.util.Optional::isPresent).map(n ->
                SealedParams.open(n.sealedParams(), n.requestId().toString(), TestAccounts.DEV_KEYS).get("code")).orElseThrow();
        r = b.post("/security/two-factor/email/confirmation", Map.of("csrf", csrf(confirm), "code", code));
        assertThat(path(r.header("Location"))).isEqualTo("/security/two-factor?done=on");

        page = b.get("/security/two-factor");
        assertThat(page.asString()).contains("Codes by email: <span class=\"ok\">On").contains("id=\"email-last\"")
                .contains("This is your only second factor").doesNotContain("action=\"/security/two-factor/email/off\"");
        // a form made by hand is refused the same way, beside the factor
        r = b.post("/security/two-factor/email/off", Map.of("csrf", csrf(page), "method", "BACKUP_CODE", "code", "abcde-fghjk"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.asString()).contains("Your account must keep one second factor").contains("id=\"email-last\"");
        String accountId = QuarkusTransaction.requiringNew().call(() -> Account.findByEmail(email).orElseThrow().id.toString());
        assertThat(QuarkusTransaction.requiringNew().call(() -> SecondFactor.enabledOf(UUID.fromString(accountId)).size()))
                .isEqualTo(1);
    }

    private static Map<String, String> withCsrf(Response page, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("csrf", csrf(page));
        return all;
    }

    private static List<SecurityQuestion> stored(String accountId) {
        return QuarkusTransaction.requiringNew().call(() -> SecurityQuestion.of(UUID.fromString(accountId)));
    }

    private AccountSnapshot newestSnapshot(String accountId) {
        try (io.loginguard.testinfra.kafka.KafkaProbe kafka = new io.loginguard.testinfra.kafka.KafkaProbe(bootstrap)) {
            return kafka.read(io.loginguard.events.Topics.ACCOUNTS, accountId).stream()
                    .map(x -> io.loginguard.events.EventJson.fromBytes(x.value(), AccountSnapshot.class))
                    .max(java.util.Comparator.comparingLong(AccountSnapshot::version)).orElse(null);
        }
    }
}
