package io.loginguard.ticket.web.pages;

import static io.loginguard.ticket.support.CaseApi.caseToken;
import static io.loginguard.ticket.support.CaseApi.known;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.ticket.account.AccountProjection;
import io.loginguard.ticket.support.CaseApi;
import io.loginguard.ticket.support.Documents;
import io.loginguard.ticket.support.Kafka;
import io.loginguard.ticket.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ticket pages driven as a browser drives them: GET a form, take its CSRF token, POST (url-encoded or multipart),
 * follow the redirect; against the real broker and PostgreSQL, codes and case keys read from notification.requests.
 */
@QuarkusTest
class TicketPagesTest {
    static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    static final Pattern FILE = Pattern.compile("src=\"(/review/cases/[0-9a-f-]+/files/[0-9a-f-]+)\"");

    @Inject
    AccountProjection projection;
    @Inject
    AgroalDataSource db;
    @Inject
    TestClock clock;

    @AfterEach
    void systemClock() {
        clock.useSystem();
    }

    /** A cookie jar and the requests of one browser. */
    static final class Browser {
        final Map<String, String> cookies = new HashMap<>();
        final List<String> setCookies = new ArrayList<>();
        final String language;

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

        /** A multipart form: text fields, then files as part name → bytes (each named as a photo would be). */
        Response postMultipart(String path, Map<String, String> fields, Map<String, byte[]> files) {
            RequestSpecification s = spec();
            for (Map.Entry<String, String> f : fields.entrySet()) {
                s = s.multiPart(f.getKey(), f.getValue());
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                s = s.multiPart(f.getKey(), f.getKey() + ".jpg", f.getValue(), "image/jpeg");
            }
            return absorb(s.post(path));
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
    }

    static String path(String location) {
        return location.replaceFirst("^https?://[^/]+", "");
    }

    static String csrf(Response page) {
        Matcher m = CSRF.matcher(page.asString());
        assertThat(m.find()).as("a CSRF field in the form").isTrue();
        return m.group(1);
    }

    static String email() {
        return "pages-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    AccountSnapshot account() {
        return known(Kafka.account(email(), null, AccountSnapshot.Status.ACTIVE, null, Set.of()), projection);
    }

    static void isPage(Response r) {
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'").contains("script-src 'self'")
                .doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.asString()).doesNotContain("<script>").doesNotContain("style=\"").doesNotContain("onclick");
    }

    /** Asks for the email code through the start page; returns the details page it leads to. */
    Response askCode(Browser b, String type, String email) {
        Response start = b.get("/cases/new?type=" + type);
        assertThat(start.statusCode()).isEqualTo(200);
        Response r = b.post("/cases/new", Map.of("csrf", csrf(start), "type", type, "email", email));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(path(r.header("Location"))).startsWith("/cases/new/details?type=" + type + "&email=");
        return b.follow(r);
    }

    Map<String, String> caseFields(Response details, String type, AccountSnapshot a, String code) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("csrf", csrf(details));
        f.put("type", type);
        f.put("identifier", a.email());
        f.put("code", code);
        f.put("description", "I lost my phone with the authenticator");
        return f;
    }

    /** Opens a 2FA reset through the pages; returns the case id. */
    String openedThroughPages(Browser b, AccountSnapshot a) {
        Response details = askCode(b, "TWO_FACTOR_RESET", a.email());
        String code = Kafka.awaitSecret(a.accountId(), "case-code", a.email(), 1).get("code");
        Response r = b.postMultipart("/cases/new/details", caseFields(details, "TWO_FACTOR_RESET", a, code), CaseApi.idAndSelfie());
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(303);
        String location = path(r.header("Location"));
        assertThat(location).startsWith("/cases/follow?opened=1&id=");
        return location.substring(location.indexOf("&id=") + 4);
    }

    @Test
    void everyPageRendersInBothLocales() {
        Browser en = new Browser("en-GB,en;q=0.9");
        Response types = en.get("/cases/new");
        assertThat(types.statusCode()).isEqualTo(200);
        isPage(types);
        assertThat(types.asString()).contains("Get help with your account").contains("/cases/new?type=TWO_FACTOR_RESET")
                .contains("/cases/new?type=IDENTITY_REVERIFICATION").contains("lang=\"en\"");
        String csrfCookie = en.setCookies.stream().filter(c -> c.startsWith(PageSupport.CSRF + "=")).findFirst().orElseThrow();
        assertThat(csrfCookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");

        // each type, by its API name; the events' name IDENTITY_VERIFICATION too (auth links to both)
        for (String type : List.of("UNABLE_TO_LOG_IN", "TWO_FACTOR_RESET", "REACTIVATION", "PHONE_CHANGE",
                "IDENTITY_REVERIFICATION", "IDENTITY_VERIFICATION")) {
            Response start = en.get("/cases/new?type=" + type);
            assertThat(start.statusCode()).as(type).isEqualTo(200);
            isPage(start);
            assertThat(start.asString()).contains("name=\"csrf\"").contains("<label for=\"email\">");
            Response details = en.get("/cases/new/details?type=" + type + "&email=someone%40example.com"
                    + ("PHONE_CHANGE".equals(type) ? "&newPhone=%2B8613800000001" : ""));
            assertThat(details.statusCode()).as(type).isEqualTo(200);
            isPage(details);
        }
        assertThat(en.get("/cases/new?type=PHONE_CHANGE").asString()).contains("name=\"newPhone\"");
        String twoFactor = en.get("/cases/new/details?type=TWO_FACTOR_RESET&email=a%40example.com").asString();
        assertThat(twoFactor).contains("enctype=\"multipart/form-data\"").contains("name=\"idFront\"")
                .contains("name=\"selfie\"").contains("accept=\"image/jpeg,image/png,application/pdf")
                .contains("data-max-bytes=\"10485760\"").contains("at most 10 MB a file");
        String selfieOnly = en.get("/cases/new/details?type=IDENTITY_VERIFICATION&email=a%40example.com").asString();
        assertThat(selfieOnly).contains("name=\"type\" value=\"IDENTITY_REVERIFICATION\"")
                .containsPattern("name=\"selfie\"[^>]*required").doesNotContainPattern("name=\"idFront\"[^>]*required");
        assertThat(en.get("/cases/new/details?type=REACTIVATION&email=a%40example.com").asString())
                .contains("action=\"/cases/new/questions\"");
        assertThat(en.get("/cases/new?type=NOPE").statusCode()).isEqualTo(404);
        for (String page : List.of("/cases/follow", "/review/login")) {
            Response r = en.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            isPage(r);
        }
        assertThat(path(en.get("/").header("Location"))).isEqualTo("/cases/new");
        // a GET of an address a form posts to (the language switch of a page answered to a POST) leads to its page
        UUID someCase = UUID.randomUUID();
        Map<String, String> addresses = Map.of("/cases/new", "", "/cases/new/questions", "/cases/new?type=REACTIVATION",
                "/cases/new/details", "/cases/new", "/cases/forget", "/cases/follow", "/cases/" + someCase + "/files",
                "/cases/" + someCase, "/review/logout", "/review/cases", "/review/cases/" + someCase + "/approve",
                "/review/cases/" + someCase);
        addresses.forEach((address, page) -> {
            Response r = en.get(address);
            if (page.isEmpty()) {
                assertThat(r.statusCode()).as(address).isEqualTo(200);
            } else {
                assertThat(r.statusCode()).as(address).isEqualTo(303);
                assertThat(path(r.header("Location"))).as(address).isEqualTo(page);
            }
        });
        assertThat(path(en.get("/review/cases").header("Location"))).isEqualTo("/review/login");

        // the second locale: from Accept-Language, and from the switch
        Browser zh = new Browser("zh-CN,zh;q=0.9");
        assertThat(zh.get("/cases/new?type=TWO_FACTOR_RESET").asString()).contains("lang=\"zh\"").contains("我丢失了两步验证设备");
        assertThat(zh.get("/review/login").asString()).contains("审核员登录");
        Response switched = en.get("/lang?to=zh&back=%2Fcases%2Ffollow");
        assertThat(switched.statusCode()).isEqualTo(303);
        assertThat(path(switched.header("Location"))).isEqualTo("/cases/follow");
        assertThat(en.follow(switched).asString()).contains("查看您的申请");
        assertThat(path(en.get("/lang?to=en&back=https%3A%2F%2Fevil.example").header("Location"))).isEqualTo("/cases/new");
        assertThat(given().get("/pages/style.css").then().extract().statusCode()).isEqualTo(200);
        assertThat(given().get("/pages/app.js").then().extract().statusCode()).isEqualTo(200);
    }

    @Test
    void everyFormRefusesAMissingOrWrongCsrfToken() throws SQLException {
        Browser b = new Browser("en");
        b.get("/cases/new?type=TWO_FACTOR_RESET");
        assertThat(b.cookies).containsKey(PageSupport.CSRF);
        for (String action : List.of("/cases/new", "/cases/new/questions", "/cases/follow", "/cases/forget", "/review/login",
                "/review/logout", "/review/cases/" + UUID.randomUUID() + "/approve")) {
            Response missing = b.post(action, Map.of("type", "TWO_FACTOR_RESET", "email", "a@example.com"));
            assertThat(missing.statusCode()).as(action).isEqualTo(403);
            assertThat(missing.asString()).contains("Please try again");
            Response wrong = b.post(action, Map.of("csrf", "x".repeat(43), "email", "a@example.com"));
            assertThat(wrong.statusCode()).as(action).isEqualTo(403);
        }
        // the multipart forms too, before any file is looked at
        AccountSnapshot a = account();
        long before = count("SELECT count(*) FROM cases");
        Response details = askCode(b, "TWO_FACTOR_RESET", a.email());
        String code = Kafka.awaitSecret(a.accountId(), "case-code", a.email(), 1).get("code");
        Map<String, String> fields = caseFields(details, "TWO_FACTOR_RESET", a, code);
        fields.remove("csrf");
        assertThat(b.postMultipart("/cases/new/details", fields, CaseApi.idAndSelfie()).statusCode()).isEqualTo(403);
        fields.put("csrf", "y".repeat(43));
        assertThat(b.postMultipart("/cases/new/details", fields, CaseApi.idAndSelfie()).statusCode()).isEqualTo(403);
        assertThat(b.postMultipart("/cases/" + UUID.randomUUID() + "/files", Map.of("message", "hi"), Map.of()).statusCode())
                .isEqualTo(403);
        // a browser without the cookie at all (another site's form)
        Browser other = new Browser("en");
        assertThat(other.post("/review/login", Map.of("csrf", csrf(details), "username", "reviewer",
                "password", CaseApi.REVIEWER_PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM cases")).isEqualTo(before);
    }

    @Test
    void aWrongTypeOrATooLargeFileIsRefusedWithAReadableError() throws SQLException {
        AccountSnapshot a = account();
        Browser b = new Browser("en");
        Response details = askCode(b, "TWO_FACTOR_RESET", a.email());
        String code = Kafka.awaitSecret(a.accountId(), "case-code", a.email(), 1).get("code");
        long before = count("SELECT count(*) FROM cases");

        Map<String, byte[]> exe = CaseApi.idAndSelfie();
        exe.put("selfie", Documents.windowsExecutable());
        Response wrongType = b.postMultipart("/cases/new/details", caseFields(details, "TWO_FACTOR_RESET", a, code), exe);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        isPage(wrongType);
        assertThat(wrongType.asString()).contains("role=\"alert\"")
                .contains("Selfie holding the ID document: only JPEG, PNG or PDF files are accepted")
                .contains("value=\"" + code + "\"").contains("please choose them again");

        Map<String, byte[]> big = CaseApi.idAndSelfie();
        big.put("idFront", new byte[10 * 1024 * 1024 + 1]);
        Response tooLarge = b.postMultipart("/cases/new/details", caseFields(wrongType, "TWO_FACTOR_RESET", a, code), big);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.asString()).contains("ID document, front: the file is too large. A file may have at most 10 MB.");

        Map<String, byte[]> missing = CaseApi.idAndSelfie();
        missing.remove("selfie");
        Response noSelfie = b.postMultipart("/cases/new/details", caseFields(tooLarge, "TWO_FACTOR_RESET", a, code), missing);
        assertThat(noSelfie.statusCode()).isEqualTo(400);
        assertThat(noSelfie.asString()).contains("Selfie holding the ID document is required");

        Response wrongCode = b.postMultipart("/cases/new/details", caseFields(noSelfie, "TWO_FACTOR_RESET", a,
                code.equals("000000") ? "111111" : "000000"), CaseApi.idAndSelfie());
        assertThat(wrongCode.statusCode()).isEqualTo(400);
        assertThat(wrongCode.asString()).contains("The code is wrong or has expired");
        Map<String, String> noEmail = caseFields(wrongCode, "TWO_FACTOR_RESET", a, code);
        noEmail.remove("identifier");
        Response withoutEmail = b.postMultipart("/cases/new/details", noEmail, CaseApi.idAndSelfie());
        assertThat(withoutEmail.statusCode()).isEqualTo(400);
        assertThat(withoutEmail.asString()).contains("Please fill in: Email.");
        assertThat(count("SELECT count(*) FROM cases")).isEqualTo(before);

        // in Chinese as well
        Browser zh = new Browser("zh-CN");
        Response zhDetails = zh.get("/cases/new/details?type=TWO_FACTOR_RESET&email=" + a.email().replace("@", "%40"));
        Response zhWrong = zh.postMultipart("/cases/new/details", caseFields(zhDetails, "TWO_FACTOR_RESET", a, code), exe);
        assertThat(zhWrong.statusCode()).isEqualTo(400);
        assertThat(zhWrong.asString()).contains("手持证件自拍照：仅接受 JPEG、PNG 或 PDF 文件");
    }

    @Test
    void aCaseOpenedInThePagesIsFollowedAskedForMoreAndApprovedFromTheConsole() throws SQLException {
        AccountSnapshot a = account();
        Browser person = new Browser("en");
        String caseId = openedThroughPages(person, a);
        String key = caseToken(a, 1);
        assertThat(key).startsWith("lgc_");

        // follow the case with the mailed key
        Response follow = person.get("/cases/follow?opened=1&id=" + caseId);
        assertThat(follow.asString()).contains("Your case " + caseId + " was received");
        Response wrongKey = person.post("/cases/follow", Map.of("csrf", csrf(follow), "id", caseId, "key", "lgc_" + "x".repeat(43)));
        assertThat(wrongKey.statusCode()).isEqualTo(404);
        assertThat(wrongKey.asString()).contains("do not match a case");
        Response r = person.post("/cases/follow", Map.of("csrf", csrf(follow), "id", caseId, "key", key));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(person.setCookies.get(person.setCookies.size() - 1)).startsWith(PageSupport.CASE + "=")
                .contains("Path=/cases").contains("HttpOnly").contains("SameSite=Lax");
        Response mine = person.follow(r);
        assertThat(mine.statusCode()).isEqualTo(200);
        isPage(mine);
        assertThat(mine.asString()).contains("Received, waiting for a reviewer").contains("I lost my phone with the authenticator")
                .contains("Selfie holding the ID document").doesNotContain("action=\"/cases/" + caseId + "/files\"");

        // the reviewer logs in to the console
        Browser reviewer = new Browser("en");
        Response login = reviewer.get("/review/login");
        Response bad = reviewer.post("/review/login", Map.of("csrf", csrf(login), "username", "reviewer", "password", "wrong-password-1"));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.asString()).contains("Wrong name or password");
        r = reviewer.post("/review/login", Map.of("csrf", csrf(login), "username", "reviewer", "password", CaseApi.REVIEWER_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(reviewer.setCookies.get(reviewer.setCookies.size() - 1)).startsWith(PageSupport.REVIEW + "=lgr_")
                .contains("Path=/review").contains("HttpOnly").contains("SameSite=Lax");
        Response queue = reviewer.follow(r);
        assertThat(queue.statusCode()).isEqualTo(200);
        isPage(queue);
        assertThat(queue.asString()).contains("href=\"/review/cases/" + caseId + "\"").contains("I lost my two-factor device");

        Response page = reviewer.get("/review/cases/" + caseId);
        assertThat(page.statusCode()).isEqualTo(200);
        isPage(page);
        Matcher images = FILE.matcher(page.asString());
        List<String> srcs = new ArrayList<>();
        while (images.find()) {
            srcs.add(images.group(1));
        }
        assertThat(srcs).hasSize(3);
        Response image = reviewer.get(srcs.get(0));
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.contentType()).isIn("image/jpeg", "image/png");
        assertThat(image.header("Cache-Control")).isEqualTo("no-store");
        assertThat(image.asByteArray().length).isGreaterThan(100);

        // ask for more; the person adds a file on the case page
        r = reviewer.post("/review/cases/" + caseId + "/request-info", Map.of("csrf", csrf(page), "message", "Please send a sharper selfie"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(reviewer.follow(r).asString()).contains("The person was asked for more");
        Response asked = person.get("/cases/" + caseId);
        assertThat(asked.asString()).contains("Waiting for you").contains("Please send a sharper selfie")
                .contains("action=\"/cases/" + caseId + "/files\"");
        Response refused = person.postMultipart("/cases/" + caseId + "/files", Map.of("csrf", csrf(asked)),
                Map.of("selfie", Documents.windowsExecutable()));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.asString()).contains("only JPEG, PNG or PDF files are accepted");
        r = person.postMultipart("/cases/" + caseId + "/files", Map.of("csrf", csrf(asked), "message", "Here it is"),
                Map.of("selfie", Documents.jpeg(320, 480)));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(person.follow(r).asString()).contains("what you sent is with the reviewer now").contains("Here it is");

        // approve from the console: the case's status and its audit trail change
        page = reviewer.get("/review/cases/" + caseId);
        r = reviewer.post("/review/cases/" + caseId + "/approve", Map.of("csrf", csrf(page)));
        assertThat(r.statusCode()).isEqualTo(303);
        Response approved = reviewer.follow(r);
        assertThat(approved.asString()).contains("The case is approved").contains("<strong>Approved</strong>")
                .contains("<code>APPROVED</code>").contains("<code>FILE_VIEWED</code>")
                .doesNotContain("action=\"/review/cases/" + caseId + "/approve\"");
        assertThat(status(caseId)).isEqualTo("APPROVED");
        assertThat(auditActions(caseId)).containsSubsequence("OPENED", "FILE_VIEWED", "INFO_REQUESTED", "INFO_PROVIDED", "APPROVED");
        Response again = reviewer.post("/review/cases/" + caseId + "/approve", Map.of("csrf", csrf(page)));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.asString()).contains("This case is already closed");
        assertThat(person.get("/cases/" + caseId).asString()).contains("<strong>Approved</strong>");

        // sign out: the token is ended, the console asks for a login again
        r = reviewer.post("/review/logout", Map.of("csrf", csrf(page)));
        assertThat(path(r.header("Location"))).isEqualTo("/review/login?out=1");
        assertThat(path(reviewer.get("/review/cases").header("Location"))).startsWith("/review/login");
    }

    @Test
    void anImageIsNotServedWithoutAReviewerSession() {
        AccountSnapshot a = account();
        Browser person = new Browser("en");
        String caseId = openedThroughPages(person, a);
        String key = caseToken(a, 1);
        Browser reviewer = new Browser("en");
        Response login = reviewer.get("/review/login");
        reviewer.post("/review/login", Map.of("csrf", csrf(login), "username", "reviewer", "password", CaseApi.REVIEWER_PASSWORD));
        Matcher m = FILE.matcher(reviewer.get("/review/cases/" + caseId).asString());
        assertThat(m.find()).isTrue();
        String src = m.group(1);

        // no cookie, a forged reviewer cookie, the person's case key as a reviewer cookie
        for (Map<String, String> cookies : List.of(Map.<String, String>of(), Map.of(PageSupport.REVIEW, "lgr_forged"),
                Map.of(PageSupport.REVIEW, key), Map.of(PageSupport.CASE, key))) {
            Response r = given().redirects().follow(false).cookies(cookies).get(src);
            assertThat(r.statusCode()).as(cookies.toString()).isEqualTo(303);
            assertThat(path(r.header("Location"))).startsWith("/review/login");
            assertThat(r.contentType()).doesNotStartWith("image/");
        }
        // nor the case page, nor a step
        assertThat(given().redirects().follow(false).get("/review/cases/" + caseId).statusCode()).isEqualTo(303);
        assertThat(reviewer.get(src).statusCode()).isEqualTo(200);
    }

    @Test
    void aFrozenAccountAsksForReactivationWithItsCodesThenItsDocuments() throws SQLException {
        AccountSnapshot a = known(Kafka.account(email(), null, AccountSnapshot.Status.FROZEN,
                Instant.now().minus(Duration.ofHours(3)), Set.of()), projection);
        Browser b = new Browser("en");
        Response codes = askCode(b, "REACTIVATION", a.email());
        assertThat(codes.asString()).contains("action=\"/cases/new/questions\"").doesNotContain("type=\"file\"");
        String code = Kafka.awaitSecret(a.accountId(), "case-code", a.email(), 1).get("code");
        Response wrong = b.post("/cases/new/questions", Map.of("csrf", csrf(codes), "email", a.email(),
                "code", code.equals("000000") ? "111111" : "000000"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.asString()).contains("The code is wrong or has expired").contains("action=\"/cases/new/questions\"");
        Response details = b.post("/cases/new/questions", Map.of("csrf", csrf(wrong), "email", a.email(), "code", code));
        assertThat(details.statusCode()).isEqualTo(200);
        assertThat(details.asString()).contains("action=\"/cases/new/details\"").contains("value=\"" + code + "\"")
                .containsPattern("name=\"idFront\"[^>]*required").doesNotContainPattern("name=\"idBack\"[^>]*required");

        // the optional idBack left empty, as a browser sends it: a part with an empty file name and no bytes
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", csrf(details));
        fields.put("type", "REACTIVATION");
        fields.put("identifier", a.email());
        fields.put("code", code);
        RequestSpecification s = b.spec();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            s = s.multiPart(f.getKey(), f.getValue());
        }
        s = s.multiPart("idFront", "front.jpg", Documents.jpeg(400, 300), "image/jpeg")
                .multiPart("selfie", "me.png", Documents.png(300, 400), "image/png")
                .multiPart("idBack", "", new byte[0], "application/octet-stream");
        Response r = s.post("/cases/new/details");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(303);
        String caseId = path(r.header("Location")).replaceFirst(".*&id=", "");
        assertThat(status(caseId)).isEqualTo("OPEN");
        assertThat(count("SELECT count(*) FROM case_files WHERE case_id = '" + UUID.fromString(caseId) + "'")).isEqualTo(2);
    }

    @Test
    void theQueueShowsCasesPastTheirDeadlineFirstAndMarked() {
        clock.fixAt(Instant.now());
        String late = openedByApi(account());
        clock.advance(Duration.ofHours(25)); // past the first reply (24 h) of the first case
        String fresh = openedByApi(account());
        Browser reviewer = new Browser("en");
        Response login = reviewer.get("/review/login");
        reviewer.post("/review/login", Map.of("csrf", csrf(login), "username", "reviewer", "password", CaseApi.REVIEWER_PASSWORD));
        String queue = reviewer.get("/review/cases").asString();
        int lateAt = queue.indexOf("href=\"/review/cases/" + late + "\"");
        int freshAt = queue.indexOf("href=\"/review/cases/" + fresh + "\"");
        assertThat(lateAt).isPositive().isLessThan(freshAt);
        assertThat(queue.substring(queue.lastIndexOf("<tr", lateAt), lateAt)).contains("class=\"overdue\"");
        assertThat(queue.substring(queue.lastIndexOf("<tr", freshAt), freshAt)).doesNotContain("overdue");
        assertThat(queue).containsPattern("[0-9]+ past the deadline");
        assertThat(reviewer.get("/review/cases/" + late).asString()).contains("<strong class=\"late\">Overdue</strong>");
    }

    private String openedByApi(AccountSnapshot a) {
        String code = CaseApi.emailCode(a, "UNABLE_TO_LOG_IN", 1);
        return CaseApi.caseForm("UNABLE_TO_LOG_IN", a.email(), code, CaseApi.idAndSelfie()).when().post("/api/v1/cases")
                .then().statusCode(201).extract().path("id");
    }

    private String status(String caseId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT status FROM cases WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(caseId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private List<String> auditActions(String caseId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT action FROM case_audit WHERE case_id = ? ORDER BY at, id")) {
            ps.setObject(1, UUID.fromString(caseId));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
