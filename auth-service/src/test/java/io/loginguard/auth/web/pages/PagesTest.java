package io.loginguard.auth.web.pages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.factor.TestBase32;
import io.loginguard.auth.factor.Totp;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.SealedParams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The auth pages driven as a browser drives them: GET a form, take its CSRF token, POST, follow the redirect. */
@QuarkusTest
class PagesTest {
    static final String PASSWORD = "Correct1horse";
    static final String NEW_PASSWORD = "Brand2new-horse";
    static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    final Totp totp = new Totp(Duration.ofSeconds(30), 6, 1);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    PipelineView pipeline;

    @BeforeEach
    void risk() {
        RiskHeartbeatResponder.answering(bootstrap, pipeline);
    }

    /** A cookie jar and the requests of one browser. */
    static final class Browser {
        final Map<String, String> cookies = new HashMap<>();
        final String language;
        final List<String> setCookies = new java.util.ArrayList<>();

        Browser(String language) {
            this.language = language;
        }

        RequestSpecification spec() {
            RequestSpecification s = given().redirects().follow(false).header("Accept-Language", language);
            return cookies.isEmpty() ? s : s.cookies(cookies);
        }

        Response get(String path) {
            return absorb(spec().urlEncodingEnabled(false).get(path));
        }

        Response post(String path, Map<String, String> form) {
            return absorb(spec().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form).post(path));
        }

        /** GETs the page, POSTs its form with the page's CSRF token and these fields. */
        Response submit(String page, String action, Map<String, String> fields) {
            Response form = get(page);
            assertThat(form.statusCode()).isEqualTo(200);
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("csrf", csrf(form));
            return post(action, all);
        }

        Response follow(Response r) {
            while (r.statusCode() == 303 || r.statusCode() == 302) {
                r = get(path(r.header("Location")));
            }
            return r;
        }

        private Response absorb(Response r) {
            for (String c : r.headers().getValues("Set-Cookie")) {
                setCookies.add(c);
                String pair = c.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || c.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return r;
        }

        String lastSetCookie(String name) {
            for (int i = setCookies.size() - 1; i >= 0; i--) {
                if (setCookies.get(i).startsWith(name + "=")) {
                    return setCookies.get(i);
                }
            }
            return null;
        }
    }

    static String path(String location) {
        return location.replaceFirst("^https?://[^/]+", "");
    }

    static String csrf(Response page) {
        Matcher m = CSRF.matcher(page.asString());
        assertThat(m.find()).as("a CSRF field in the form").isTrue();
        return m.group(1);
    }

    /** Registers and confirms an account through the pages; returns the browser, on the login page. */
    Browser registered(String email) {
        Browser b = new Browser("en-GB,en;q=0.9");
        Response r = b.submit("/register", "/register", Map.of("email", email, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(path(r.header("Location"))).startsWith("/verify?email=");
        Response verify = b.follow(r);
        assertThat(verify.asString()).contains("Confirm your email").contains(email);
        String code = TestAccounts.awaitCode(bootstrap, email);
        r = b.post("/verify", Map.of("csrf", csrf(verify), "email", email, "code", code));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(b.follow(r).asString()).contains("Your email is confirmed");
        return b;
    }

    @Test
    void registerVerifyLoginEnrolTotpLogOutAndLogInWithTotp() {
        String email = "pages-" + UUID.randomUUID() + "@example.com";
        Browser b = registered(email);

        Response r = b.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(path(r.header("Location"))).isEqualTo("/security");
        String session = b.lastSetCookie("lg_session");
        assertThat(session).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        Response security = b.follow(r);
        assertThat(security.statusCode()).isEqualTo(200);
        assertThat(security.asString()).contains(email).contains("This device").contains("Authenticator app (TOTP) is off");

        // TOTP: the QR image, the 16-character key, a first code, the backup codes once
        r = b.post("/security/totp", Map.of("csrf", csrf(security)));
        assertThat(path(r.header("Location"))).isEqualTo("/security/totp");
        Response setup = b.follow(r);
        Matcher key = Pattern.compile("id=\"totp-key\">([A-Z2-7 ]+)</code>").matcher(setup.asString());
        assertThat(key.find()).isTrue();
        String secret = key.group(1).replace(" ", "");
        assertThat(secret).hasSize(16);
        byte[] png = b.get("/security/totp/qr.png").then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        byte[] k = TestBase32.decode(secret);
        Response wrong = b.post("/security/totp/confirmation", Map.of("csrf", csrf(setup), "code", "000000".equals(
                totp.code(k, totp.stepAt(Instant.now()))) ? "111111" : "000000"));
        assertThat(wrong.asString()).contains("The code is wrong");
        Response backup = b.post("/security/totp/confirmation",
                Map.of("csrf", csrf(setup), "code", totp.code(k, totp.stepAt(Instant.now()))));
        assertThat(backup.statusCode()).isEqualTo(200);
        Matcher codes = Pattern.compile("class=\"backup-code\">([^<]+)</code>").matcher(backup.asString());
        int n = 0;
        while (codes.find()) {
            n++;
        }
        assertThat(n).isEqualTo(10);
        assertThat(b.get("/security").asString()).contains("Authenticator app (TOTP) is on");

        // sign out: the session ends and its cookie goes
        r = b.post("/logout", Map.of("csrf", csrf(b.get("/security"))));
        assertThat(path(r.header("Location"))).isEqualTo("/login?out=1");
        assertThat(b.cookies).doesNotContainKey("lg_session");
        assertThat(b.follow(r).asString()).contains("You are signed out");
        Response out = b.get("/security");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(path(out.header("Location"))).isEqualTo("/login");

        // log in again: the second step lists TOTP and backup codes
        r = b.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
        assertThat(path(r.header("Location"))).isEqualTo("/login/second-factor");
        Response step = b.follow(r);
        assertThat(step.asString()).contains("Authenticator app (TOTP)").contains("Backup code")
                .contains("value=\"TOTP\"").contains("value=\"BACKUP_CODE\"");
        String next = totp.code(k, totp.stepAt(Instant.now()) + 1);
        r = b.post("/login/second-factor", Map.of("csrf", csrf(step), "method", "TOTP", "code", next));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(path(r.header("Location"))).isEqualTo("/security");
        assertThat(b.follow(r).asString()).contains(email).contains("Authenticator app (TOTP) is on");

        // a reset link asks for the second factor too: TOTP or a backup code, nothing to send
        String token = resetToken(b, email);
        Response reset = b.get("/reset-password?token=" + token);
        r = b.post("/reset-password", Map.of("csrf", csrf(reset), "token", token, "password", NEW_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.asString()).contains("value=\"TOTP\"").contains("value=\"BACKUP_CODE\"")
                .doesNotContain("value=\"EMAIL_CODE\"").doesNotContain("value=\"SMS_CODE\"")
                .doesNotContain("/reset-password/codes");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        Browser b = new Browser("en");
        Response page = b.get("/login");
        String token = csrf(page);
        assertThat(b.cookies).containsKey("lg_csrf");
        assertThat(b.lastSetCookie("lg_csrf")).contains("HttpOnly").contains("SameSite=Lax");

        Response missing = b.post("/login", Map.of("email", "x@example.com", "password", PASSWORD));
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.asString()).contains("This form expired");
        Response wrong = b.post("/login", Map.of("csrf", token.substring(1) + "A", "email", "x@example.com", "password", PASSWORD));
        assertThat(wrong.statusCode()).isEqualTo(403);
        // the right token from another browser (no cookie of its own): refused too
        Response noCookie = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf", token, "email", "x@example.com", "password", PASSWORD)).post("/login");
        assertThat(noCookie.statusCode()).isEqualTo(403);
        Response logout = b.post("/logout", Map.of());
        assertThat(logout.statusCode()).isEqualTo(403);
        Response register = b.post("/register", Map.of("email", "y@example.com", "password", PASSWORD));
        assertThat(register.statusCode()).isEqualTo(403);
    }

    @Test
    void everyPageHasAStrictContentSecurityPolicyAndNoInlineScriptOrStyle() {
        Browser b = new Browser("en");
        for (String page : List.of("/login", "/register", "/verify", "/forgot-password", "/reset-password?token=nonsense")) {
            Response r = b.get(page);
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).as(page).contains("default-src 'self'").contains("script-src 'self'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.contentType()).startsWith("text/html");
            String html = r.asString();
            assertThat(html).as(page).doesNotContain(" style=").doesNotContain("<style")
                    .doesNotContainPattern("<script(?![^>]*\\ssrc=)");
            // every visible field has a label
            Matcher ids = Pattern.compile("<input id=\"([^\"]+)\"").matcher(html);
            while (ids.find()) {
                assertThat(html).as(page + " label for " + ids.group(1)).contains("<label for=\"" + ids.group(1) + "\"");
            }
        }
        given().get("/pages/style.css").then().statusCode(200);
        given().get("/pages/app.js").then().statusCode(200);
    }

    @Test
    void chineseFromAcceptLanguageAndTheSwitch() {
        Browser zh = new Browser("zh-CN,zh;q=0.9,en;q=0.5");
        Response page = zh.get("/login");
        assertThat(page.asString()).contains("<html lang=\"zh\">").contains("忘记密码").contains("电子邮箱");
        Response switched = zh.get("/lang?to=en&back=%2Flogin");
        assertThat(path(switched.header("Location"))).isEqualTo("/login");
        assertThat(zh.lastSetCookie("lg_lang")).startsWith("lg_lang=en");
        assertThat(zh.follow(switched).asString()).contains("<html lang=\"en\">").contains("Forgot your password?");
        // an address elsewhere is not followed
        assertThat(path(zh.get("/lang?to=zh&back=%2F%2Fevil.example").header("Location"))).isEqualTo("/login");
    }

    @Test
    void anAccountRegisteredWithAPhoneSignsInOnTheLoginPageWithItsNumber() {
        String phone = "+4915" + (100_000_000 + (long) (Math.random() * 899_999_999L));
        given().contentType("application/json").body("{\"phone\":\"" + phone + "\",\"password\":\"" + PASSWORD + "\"}")
                .post("/api/v1/accounts").then().statusCode(202);
        given().contentType("application/json")
                .body("{\"phone\":\"" + phone + "\",\"code\":\"" + TestAccounts.awaitCode(bootstrap, phone) + "\"}")
                .post("/api/v1/accounts/verification").then().statusCode(200);
        Browser b = new Browser("en-GB,en;q=0.9");
        assertThat(b.get("/login").asString()).contains("Email or phone number");
        Response wrong = b.submit("/login", "/login", Map.of("email", phone, "password", "Wrong1horse"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        Response r = b.submit("/login", "/login", Map.of("email", phone, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(path(r.header("Location"))).isEqualTo("/security");
        assertThat(b.follow(r).statusCode()).isEqualTo(200);
    }

    @Test
    void fiveWrongPasswordsThenOperationsTooFrequentWithTheTimeLeft() {
        String email = "pages-lock-" + UUID.randomUUID() + "@example.com";
        Browser b = registered(email);
        for (int i = 0; i < 5; i++) {
            Response r = b.submit("/login", "/login", Map.of("email", email, "password", "Wrong1horse"));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.asString()).contains("The email or the password is wrong");
        }
        Response r = b.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isNotNull();
        assertThat(r.asString()).contains("Operations too frequent").containsPattern("Try again in \\d+ min \\d+ s")
                .contains("data-countdown=\"");
        assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'");
    }

    @Test
    void aStepUpVerdictAndAFrozenAccountAreShownAsPagesSayingWhatToDo() {
        String email = "pages-stepup-" + UUID.randomUUID() + "@example.com";
        String accountId = TestAccounts.active(bootstrap, email, PASSWORD);
        RiskHeartbeatResponder.running(bootstrap).answer(accountId, RiskVerdict.Verdict.STEP_UP);
        Browser b = new Browser("en");
        Response r = b.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.asString()).contains("Identity verification required").contains("identity verification case")
                .contains("href=\"http://localhost:8084/cases/new?type=IDENTITY_REVERIFICATION\"");
        assertThat(b.cookies).doesNotContainKey("lg_session");

        String frozen = "pages-frozen-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, frozen, PASSWORD);
        String token = given().contentType("application/json")
                .body("{\"email\":\"" + frozen + "\",\"password\":\"" + PASSWORD + "\"}")
                .post("/api/v1/sessions").then().statusCode(201).extract().path("token");
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"password\":\"" + PASSWORD + "\"}").post("/api/v1/me/freeze").then().statusCode(204);
        r = b.submit("/login", "/login", Map.of("email", frozen, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.asString()).contains("Account frozen").contains("reactivation case")
                .contains("href=\"http://localhost:8084/cases/new?type=REACTIVATION\"");
    }

    @Test
    void forgotPasswordAnswersAlikeAndABadResetLinkSaysSo() {
        Browser b = new Browser("en");
        Response r = b.submit("/forgot-password", "/forgot-password", Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.asString()).contains("If this email belongs to an account");
        Response reset = b.get("/reset-password?token=" + "A".repeat(43));
        assertThat(reset.statusCode()).isEqualTo(200);
        r = b.post("/reset-password", Map.of("csrf", csrf(reset), "token", "A".repeat(43), "password", "Another2horse"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.asString()).contains("This link is not valid");
    }

    @Test
    void aResetLinkOfAnAccountWithEmailCodesSendsACodeAndTakesIt() {
        String email = "pages-reset-email-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        String session = given().contentType("application/json")
                .body("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
                .post("/api/v1/sessions").then().statusCode(201).extract().path("token");
        String factorAddress = "pages-codes-" + UUID.randomUUID() + "@example.com";
        TestAccounts.enableEmailFactor(bootstrap, session, factorAddress);

        Browser b = new Browser("en");
        String token = resetToken(b, email);
        Response page = b.get("/reset-password?token=" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        Response r = b.post("/reset-password", Map.of("csrf", csrf(page), "token", token, "password", NEW_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.asString()).contains("value=\"EMAIL_CODE\"").contains("Code by email")
                .doesNotContain("value=\"TOTP\"").doesNotContain("value=\"BACKUP_CODE\"")
                .doesNotContain("value=\"SMS_CODE\"")
                .contains("action=\"/reset-password/codes\"").contains("Send me a code (Code by email)");

        int before = TestAccounts.requestsTo(bootstrap, factorAddress).size();
        Response sent = b.post("/reset-password/codes", Map.of("csrf", csrf(r), "token", token, "channel", "EMAIL"));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.asString()).contains("A code is on its way").contains("value=\"EMAIL_CODE\" selected")
                .contains("name=\"code\"");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> TestAccounts.requestsTo(bootstrap, factorAddress).size() > before);
        // asked again at once: the wait, in seconds
        Response again = b.post("/reset-password/codes", Map.of("csrf", csrf(sent), "token", token, "channel", "EMAIL"));
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.header("Retry-After")).isNotNull();
        assertThat(again.asString()).containsPattern("You can ask for another in \\d+ s");

        String code = TestAccounts.awaitCode(bootstrap, factorAddress);
        r = b.post("/reset-password", Map.of("csrf", csrf(sent), "token", token, "password", NEW_PASSWORD,
                "method", "EMAIL_CODE", "code", code));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(path(r.header("Location"))).isEqualTo("/login?reset=1");
        assertThat(b.follow(r).asString()).contains("Your password is changed");

        // the new password logs in (on to the email factor's second step); the old one no longer does
        r = b.submit("/login", "/login", Map.of("email", email, "password", NEW_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(path(r.header("Location"))).isEqualTo("/login/second-factor");
        assertThat(b.follow(r).asString()).contains("value=\"EMAIL_CODE\"");
        assertThat(new Browser("en").submit("/login", "/login", Map.of("email", email, "password", PASSWORD))
                .statusCode()).isEqualTo(401);
    }

    /** Asks for a reset link on the forgot-password page; returns the token of the link sent to the email. */
    String resetToken(Browser b, String email) {
        int before = TestAccounts.requestsTo(bootstrap, email).size();
        assertThat(b.submit("/forgot-password", "/forgot-password", Map.of("email", email)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestAccounts.requestsTo(bootstrap, email).size() > before);
        NotificationRequested sent = TestAccounts.requestsTo(bootstrap, email).get(before);
        assertThat(sent.template()).isEqualTo("password-reset-link");
        String link = SealedParams.open(sent.sealedParams(), sent.requestId().toString(), TestAccounts.DEV_KEYS).get("link");
        return link.substring(link.indexOf("token=") + 6);
    }
}
