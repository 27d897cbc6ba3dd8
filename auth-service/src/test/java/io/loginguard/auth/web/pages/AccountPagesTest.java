package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PagesTest.PASSWORD;
import static io.loginguard.auth.web.pages.PagesTest.csrf;
import static io.loginguard.auth.web.pages.PagesTest.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.factor.TestBase32;
import io.loginguard.auth.factor.Totp;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.events.SealedParams;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security settings pages driven as a browser drives them: each renders, each form is refused without its
 * CSRF token, a wrong field shows its problem beside it, and the change happens (checked by what it changes: a
 * login, a code sent, a page).
 */
@QuarkusTest
class AccountPagesTest {
    final Totp totp = new Totp(Duration.ofSeconds(30), 6, 1);

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

    /** A new active account, signed in through the login page; the browser is on /security. */
    PagesTest.Browser signedIn(String email, String language) {
        TestAccounts.active(bootstrap, email, PASSWORD);
        PagesTest.Browser b = new PagesTest.Browser(language);
        Response r = b.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
        assertThat(path(r.header("Location"))).isEqualTo("/security");
        assertThat(b.cookies).containsKey("lg_session");
        return b;
    }

    static String email(String what) {
        return "pages-" + what + "-" + UUID.randomUUID() + "@example.com";
    }

    static String phone() {
        return "+4915" + (100_000_000 + ThreadLocalRandom.current().nextInt(900_000_000));
    }

    private void forget(String bucket, String who) {
        redis.execute("DEL", limiter.key(bucket, who));
    }

    private List<String> codesTo(String destination) {
        return TestAccounts.requestsTo(bootstrap, destination).stream().filter(n -> n.sealedParams() != null)
                .map(n -> SealedParams.open(n.sealedParams(), n.requestId().toString(), TestAccounts.DEV_KEYS).get("code"))
                .toList();
    }

    /** The code sent after the first {@code before} to the destination. */
    private String nextCode(String destination, int before) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> codesTo(destination), l -> l.size() > before).get(before);
    }

    static Response noCsrf(PagesTest.Browser b, String action, Map<String, String> fields) {
        return b.post(action, fields);
    }

    @Test
    void everySettingsPageRendersWithLabelsAndEveryFormIsRefusedWithoutItsCsrfToken() {
        String email = email("render");
        PagesTest.Browser b = signedIn(email, "en");
        Response security = b.get("/security");
        assertThat(security.asString()).contains("href=\"/security/history\"").contains("href=\"/security/password\"")
                .contains("href=\"/security/phone\"").contains("href=\"/security/anti-phishing-code\"")
                .contains("href=\"/security/sub-accounts\"").contains("href=\"/security/freeze\"")
                .contains("href=\"/security/two-factor\"");
        for (String page : List.of("/security/history", "/security/anti-phishing-code", "/security/password",
                "/security/phone", "/security/phone/confirmation", "/security/freeze", "/security/freeze/confirmation",
                "/security/two-factor", "/security/two-factor/sms/confirmation", "/security/sub-accounts")) {
            Response r = b.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.header("Content-Security-Policy")).as(page).contains("script-src 'self'");
            String html = r.asString();
            assertThat(html).as(page).doesNotContain(" style=").doesNotContainPattern("<script(?![^>]*\\ssrc=)");
            Matcher ids = Pattern.compile("<input id=\"([^\"]+)\"").matcher(html);
            while (ids.find()) {
                assertThat(html).as(page + " label for " + ids.group(1)).contains("<label for=\"" + ids.group(1) + "\"");
            }
        }
        for (String action : List.of("/security/anti-phishing-code", "/security/password", "/security/phone",
                "/security/phone/confirmation", "/security/freeze", "/security/two-factor/sms",
                "/security/two-factor/email", "/security/two-factor/sms/confirmation", "/security/two-factor/totp/off",
                "/security/backup-codes", "/security/backup-codes/download", "/security/sub-accounts")) {
            Response r = noCsrf(b, action, Map.of("code", "abcd", "password", PASSWORD));
            assertThat(r.statusCode()).as(action).isEqualTo(403);
            assertThat(r.asString()).as(action).contains("This form expired");
        }
        // the addresses forms post to lead, with GET (a language switch on a page answered to a POST), to their page
        for (String[] pair : new String[][] {{"/security/two-factor/sms", "/security/two-factor"},
                {"/security/two-factor/totp/off", "/security/two-factor"}, {"/security/backup-codes", "/security/two-factor"},
                {"/security/totp/confirmation", "/security/totp"}, {"/login/second-factor/code", "/login/second-factor"}}) {
            Response r = b.get(pair[0]);
            assertThat(r.statusCode()).as(pair[0]).isEqualTo(303);
            assertThat(path(r.header("Location"))).as(pair[0]).isEqualTo(pair[1]);
        }
        // still signed in and not frozen: nothing above happened
        assertThat(b.get("/security").statusCode()).isEqualTo(200);

        // signed out, every settings page leads to the login
        PagesTest.Browser stranger = new PagesTest.Browser("en");
        for (String page : List.of("/security/history", "/security/password", "/security/two-factor", "/security/sub-accounts")) {
            Response r = stranger.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(303);
            assertThat(path(r.header("Location"))).isEqualTo("/login");
        }
    }

    @Test
    void changePasswordShowsEachProblemBesideItsFieldAndThenTheOldPasswordFails() {
        String email = email("password");
        PagesTest.Browser b = signedIn(email, "en");
        String accountId = accountIdOf(email);

        Response r = b.submit("/security/password", "/security/password",
                Map.of("currentPassword", "Wrong1horse", "newPassword", "Battery9staple"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).contains("id=\"currentPassword-error\"").contains("The current password is wrong.")
                .contains("aria-describedby=\"currentPassword-error\"");
        forget("password-change", accountId);
        r = b.submit("/security/password", "/security/password", Map.of("currentPassword", PASSWORD, "newPassword", "password1"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"newPassword-error\"").contains("it needs an upper-case letter");
        forget("password-change", accountId);
        r = b.submit("/security/password", "/security/password", Map.of("currentPassword", PASSWORD, "newPassword", "Battery9staple"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(path(r.header("Location"))).isEqualTo("/security?done=password");
        assertThat(b.follow(r).asString()).contains("Your password is changed");

        PagesTest.Browser other = new PagesTest.Browser("en");
        r = other.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(401);
        r = other.submit("/login", "/login", Map.of("email", email, "password", "Battery9staple"));
        assertThat(path(r.header("Location"))).isEqualTo("/security");
    }

    @Test
    void aSecondLocalesErrorsAreItsOwnWords() {
        String email = email("zh");
        PagesTest.Browser b = signedIn(email, "zh-CN,zh;q=0.9");
        Response r = b.submit("/security/anti-phishing-code", "/security/anti-phishing-code", Map.of("code", "a b"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("<html lang=\"zh\">").contains("请使用 4 到 20 个字母或数字");
        forget("password-change", accountIdOf(email));
        r = b.submit("/security/password", "/security/password", Map.of("currentPassword", PASSWORD, "newPassword", "password1"));
        assertThat(r.asString()).contains("密码不符合规则").contains("需要一个大写字母").doesNotContain("upper-case");
        r = b.submit("/security/phone", "/security/phone", Map.of("phone", "12345"));
        assertThat(r.asString()).contains("id=\"phone-error\"").contains("请输入国际格式的号码");
    }

    @Test
    void theAntiPhishingCodeIsSavedAndShown() {
        PagesTest.Browser b = signedIn(email("phish"), "en");
        assertThat(b.get("/security/anti-phishing-code").asString()).contains("You have not set one yet.");
        Response r = b.submit("/security/anti-phishing-code", "/security/anti-phishing-code", Map.of("code", "ab"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"code-error\"").contains("Use 4 to 20 letters or digits");
        r = b.submit("/security/anti-phishing-code", "/security/anti-phishing-code", Map.of("code", "Blue42"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(b.follow(r).asString()).contains("Your anti-phishing code is saved.").contains("Your code now: Blue42");
    }

    @Test
    void theLoginHistoryShowsTheFailedAndTheGoodAttemptsAndAsksWasThisYou() {
        String email = email("history");
        TestAccounts.active(bootstrap, email, PASSWORD);
        PagesTest.Browser b = new PagesTest.Browser("en");
        assertThat(b.submit("/login", "/login", Map.of("email", email, "password", "Wrong1horse")).statusCode()).isEqualTo(401);
        assertThat(path(b.submit("/login", "/login", Map.of("email", email, "password", PASSWORD)).header("Location")))
                .isEqualTo("/security");
        String html = await().atMost(Duration.ofSeconds(10)).until(() -> b.get("/security/history").asString(),
                h -> h.contains("Wrong password") && h.contains("Succeeded"));
        assertThat(html).contains("Was this you?").contains("href=\"/security/freeze\"").contains("href=\"/security/password\"")
                .contains("class=\"failed\"");
    }

    @Test
    void freezingAsksForConfirmationAndAProofThenSignsOutAndRefusesTheLogin() {
        String email = email("freeze");
        PagesTest.Browser b = signedIn(email, "en");
        String accountId = accountIdOf(email);
        Response intro = b.get("/security/freeze");
        assertThat(intro.asString()).contains("Freezing stops every login").contains("href=\"/security/freeze/confirmation\"");

        Response r = b.submit("/security/freeze/confirmation", "/security/freeze", Map.of());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"password-error\"").contains("Enter your password");
        r = b.submit("/security/freeze/confirmation", "/security/freeze", Map.of("password", "Wrong1horse"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).contains("id=\"password-error\"").contains("The password or the code is wrong.");
        assertThat(b.get("/security").statusCode()).isEqualTo(200);
        forget("freeze", accountId);

        r = b.submit("/security/freeze/confirmation", "/security/freeze", Map.of("password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.asString()).contains("Your account is frozen")
                .contains("href=\"http://localhost:8084/cases/new?type=REACTIVATION\"");
        assertThat(b.cookies).doesNotContainKey("lg_session");
        assertThat(b.get("/security").statusCode()).isEqualTo(303);
        r = b.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.asString()).contains("Account frozen").contains("cases/new?type=REACTIVATION");
    }

    @Test
    void aPhoneIsAddedWithTheCodeSentToIt() {
        String email = email("phone");
        PagesTest.Browser b = signedIn(email, "en");
        Response r = b.submit("/security/phone", "/security/phone", Map.of("phone", "12345"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"phone-error\"").contains("international form");

        String number = phone();
        r = b.submit("/security/phone", "/security/phone", Map.of("phone", number));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(path(r.header("Location"))).isEqualTo("/security/phone/confirmation");
        Response confirm = b.follow(r);
        assertThat(confirm.asString()).contains("We sent a code by SMS to the new number").doesNotContain("oldNumberCode");
        String code = TestAccounts.awaitCode(bootstrap, number);
        r = b.post("/security/phone/confirmation", Map.of("csrf", csrf(confirm), "newNumberCode", code.equals("000000") ? "111111" : "000000"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"newNumberCode-error\"").contains("The code is wrong");
        r = b.post("/security/phone/confirmation", Map.of("csrf", csrf(confirm), "newNumberCode", code));
        assertThat(path(r.header("Location"))).isEqualTo("/security?done=phone");
        assertThat(b.follow(r).asString()).contains("Your phone number is changed.");
        assertThat(b.get("/security/phone").asString()).contains("Your number now: " + number)
                .contains("href=\"http://localhost:8084/cases/new?type=PHONE_CHANGE\"");
        // the number is the account's: it logs in with it (here the JSON login; PagesTest signs in with a number on the page)
        io.restassured.RestAssured.given().contentType("application/json")
                .body("{\"phone\":\"" + number + "\",\"password\":\"" + PASSWORD + "\"}").post("/api/v1/sessions")
                .then().statusCode(201);

        // a second change needs the current number's code too, asked for beside its own field
        forget("phone-change", accountIdOf(email));
        String second = phone();
        r = b.submit("/security/phone", "/security/phone", Map.of("phone", second));
        confirm = b.follow(r);
        assertThat(confirm.asString()).contains("id=\"oldNumberCode\"").contains("We also sent a code to your current number");
        String newCode = TestAccounts.awaitCode(bootstrap, second);
        String oldCode = nextCode(number, 1);
        r = b.post("/security/phone/confirmation", Map.of("csrf", csrf(confirm), "newNumberCode", newCode));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"oldNumberCode-error\"").contains("Enter the code sent to your current number too.");
        r = b.post("/security/phone/confirmation", Map.of("csrf", csrf(confirm), "newNumberCode", newCode,
                "oldNumberCode", oldCode.equals("000000") ? "111111" : "000000"));
        assertThat(r.asString()).contains("id=\"oldNumberCode-error\"").doesNotContain("id=\"newNumberCode-error\"");
        r = b.post("/security/phone/confirmation", Map.of("csrf", csrf(confirm), "newNumberCode", newCode, "oldNumberCode", oldCode));
        assertThat(path(r.header("Location"))).isEqualTo("/security?done=phone");
        assertThat(b.get("/security/phone").asString()).contains("Your number now: " + second);
    }

    @Test
    void smsCodesAsASecondFactorThenTheSecondStepWithItsResendCountdownAndTheSupportLink() {
        String email = email("sms");
        PagesTest.Browser b = signedIn(email, "en");
        Response page = b.get("/security/two-factor");
        assertThat(page.asString()).contains("Codes by SMS: Off").contains("id=\"sms-destination\"");
        Response r = b.post("/security/two-factor/sms", Map.of("csrf", csrf(page), "destination", "0151"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"sms-destination-error\"").contains("international form");

        String number = phone();
        r = b.post("/security/two-factor/sms", Map.of("csrf", csrf(page), "destination", number));
        assertThat(path(r.header("Location"))).isEqualTo("/security/two-factor/sms/confirmation");
        Response confirm = b.follow(r);
        String enable = nextCode(number, 0);
        r = b.post("/security/two-factor/sms/confirmation", Map.of("csrf", csrf(confirm), "code", enable.equals("000000") ? "111111" : "000000"));
        assertThat(r.asString()).contains("id=\"code-error\"").contains("The code is wrong");
        r = b.post("/security/two-factor/sms/confirmation", Map.of("csrf", csrf(confirm), "code", enable));
        assertThat(path(r.header("Location"))).isEqualTo("/security/two-factor?done=on");
        assertThat(b.follow(r).asString()).contains("Codes by SMS: <span class=\"ok\">On").contains("Codes go to " + number)
                // the only second factor stays on (loginguard.auth.factors.required): no off form, the reason instead
                .contains("id=\"sms-last\"").contains("This is your only second factor")
                .doesNotContain("action=\"/security/two-factor/sms/off\"");

        // the next login asks for an SMS code; the button sends one, then counts down
        r = b.post("/logout", Map.of("csrf", csrf(b.get("/security"))));
        r = b.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
        assertThat(path(r.header("Location"))).isEqualTo("/login/second-factor");
        Response step = b.follow(r);
        assertThat(step.asString()).contains("Code by SMS").contains("id=\"send-SMS\"").contains("data-resend-in=\"0\"")
                .contains("id=\"two-factor-case\" href=\"http://localhost:8084/cases/new?type=TWO_FACTOR_RESET\"")
                .contains("Security verification unavailable?");
        r = b.post("/login/second-factor/code", Map.of("csrf", csrf(step), "channel", "SMS"));
        assertThat(path(r.header("Location"))).isEqualTo("/login/second-factor?sent=SMS");
        Response sent = b.follow(r);
        assertThat(sent.asString()).contains("A code is on its way.").contains("data-resend-in=\"60\"")
                .contains("data-wait-text=\"Send again in %s s\"");
        // pressed again at once (no JavaScript to hold it): the wait beside the button, not a code
        Response again = b.post("/login/second-factor/code", Map.of("csrf", csrf(step), "channel", "SMS"));
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.header("Retry-After")).isNotNull();
        assertThat(again.asString()).contains("id=\"code-SMS_CODE-error\"").contains("You can ask for another in")
                .containsPattern("data-resend-in=\"[1-9][0-9]*\"");
        String login = nextCode(number, 1);
        assertThat(codesTo(number)).hasSize(2);
        r = b.post("/login/second-factor", Map.of("csrf", csrf(sent), "method", "SMS_CODE",
                "code", login.equals("000000") ? "111111" : "000000"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).contains("id=\"code-SMS_CODE-error\"").contains("aria-describedby=\"code-SMS_CODE-error\"")
                .contains("The code is wrong");
        r = b.post("/login/second-factor", Map.of("csrf", csrf(sent), "method", "SMS_CODE", "code", login));
        assertThat(path(r.header("Location"))).isEqualTo("/security");
    }

    @Test
    void newBackupCodesNeedAProofAreShownOnceAndDownloadAndTurnAFactorOff() {
        String email = email("backup");
        PagesTest.Browser b = signedIn(email, "en");
        Response r = b.post("/security/totp", Map.of("csrf", csrf(b.get("/security"))));
        Response setup = b.follow(r);
        Matcher key = Pattern.compile("id=\"totp-key\">([A-Z2-7 ]+)</code>").matcher(setup.asString());
        assertThat(key.find()).isTrue();
        byte[] k = TestBase32.decode(key.group(1).replace(" ", ""));
        long step = totp.stepAt(Instant.now());
        r = b.post("/security/totp/confirmation", Map.of("csrf", csrf(setup), "code", totp.code(k, step)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.asString()).contains("id=\"backup-download\"");

        // an email factor too, to turn off later
        String address = "factor-" + UUID.randomUUID() + "@example.com";
        Response page = b.get("/security/two-factor");
        r = b.post("/security/two-factor/email", Map.of("csrf", csrf(page), "destination", address));
        Response confirm = b.follow(r);
        r = b.post("/security/two-factor/email/confirmation", Map.of("csrf", csrf(confirm), "code", nextCode(address, 0)));
        assertThat(path(r.header("Location"))).isEqualTo("/security/two-factor?done=on");

        page = b.get("/security/two-factor");
        assertThat(page.asString()).contains("Authenticator app: <span class=\"ok\">On").contains("id=\"backup-method\"");
        r = b.post("/security/backup-codes", Map.of("csrf", csrf(page), "method", "TOTP", "code", "12"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).contains("id=\"backup-code-error\"").contains("The code is wrong");
        r = b.post("/security/backup-codes", Map.of("csrf", csrf(page), "method", "TOTP", "code", totp.code(k, step + 1)));
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> codes = Pattern.compile("class=\"backup-code\">([^<]+)</code>").matcher(r.asString()).results()
                .map(m -> m.group(1)).toList();
        assertThat(codes).hasSize(10);

        // the download: the codes as a text file, nothing else that was posted
        Response file = b.spec().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("csrf", csrf(r)).formParam("code", codes.get(0), codes.get(1), "<script>x</script>")
                .post("/security/backup-codes/download");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.contentType()).startsWith("text/plain");
        assertThat(file.header("Content-Disposition")).contains("attachment").contains("loginguard-backup-codes.txt");
        assertThat(file.asString()).contains(email).contains(codes.get(0)).contains(codes.get(1)).doesNotContain("script");

        // a backup code turns the email factor off
        page = b.get("/security/two-factor");
        r = b.post("/security/two-factor/email/off", Map.of("csrf", csrf(page), "method", "BACKUP_CODE", "code", "wrong-code1"));
        assertThat(r.asString()).contains("id=\"email-off-code-error\"");
        r = b.post("/security/two-factor/email/off", Map.of("csrf", csrf(page), "method", "BACKUP_CODE", "code", codes.get(2)));
        assertThat(path(r.header("Location"))).isEqualTo("/security/two-factor?done=off");
        assertThat(b.follow(r).asString()).contains("It is off.").contains("Codes by email: Off");
    }

    @Test
    void aMasterCreatesListsAndFreezesASubAccountWhichThenCannotLogIn() {
        String master = email("master");
        PagesTest.Browser b = signedIn(master, "en");
        Response list = b.get("/security/sub-accounts");
        assertThat(list.asString()).contains("No sub-accounts yet.");
        String sub = email("sub");
        Response r = b.post("/security/sub-accounts", Map.of("csrf", csrf(list), "email", sub, "password", "short"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("id=\"password-error\"").contains("The password does not follow the rule");
        r = b.post("/security/sub-accounts", Map.of("csrf", csrf(list), "email", sub, "password", "Trading7desk"));
        assertThat(r.statusCode()).isEqualTo(303);
        list = b.follow(r);
        assertThat(list.asString()).contains("The sub-account " + sub + " is created").contains(sub).contains("Active");
        r = b.post("/security/sub-accounts", Map.of("csrf", csrf(list), "email", sub, "password", "Trading7desk"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.asString()).contains("id=\"email-error\"").contains("already used by another account");

        // the sub-account logs in on its own, and has no sub-accounts page of its own
        PagesTest.Browser subBrowser = new PagesTest.Browser("en");
        r = subBrowser.submit("/login", "/login", Map.of("email", sub, "password", "Trading7desk"));
        assertThat(path(r.header("Location"))).isEqualTo("/security");
        assertThat(subBrowser.get("/security").asString()).doesNotContain("href=\"/security/sub-accounts\"");
        assertThat(subBrowser.get("/security/sub-accounts").asString()).contains("cannot have sub-accounts of its own");

        Matcher freeze = Pattern.compile("href=\"(/security/sub-accounts/[0-9a-f-]+/freeze)\"").matcher(list.asString());
        assertThat(freeze.find()).isTrue();
        Response ask = b.get(freeze.group(1));
        assertThat(ask.asString()).contains("Freeze this sub-account?").contains(sub);
        r = b.post(freeze.group(1), Map.of("csrf", csrf(ask)));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(b.follow(r).asString()).contains("The sub-account " + sub + " is frozen.").contains("Frozen");
        assertThat(subBrowser.get("/security").statusCode()).isEqualTo(303);
        r = subBrowser.submit("/login", "/login", Map.of("email", sub, "password", "Trading7desk"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.asString()).contains("Account frozen");
        // a link cannot make the page name an address that is not one of this master's sub-accounts
        assertThat(b.get("/security/sub-accounts?created=support%40evil.example").asString()).doesNotContain("class=\"notice\"");
        // someone else's id: no such sub-account
        assertThat(b.get("/security/sub-accounts/" + UUID.randomUUID() + "/freeze").statusCode()).isEqualTo(404);
    }

    private static String accountIdOf(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findByEmail(email).orElseThrow().id.toString());
    }
}
