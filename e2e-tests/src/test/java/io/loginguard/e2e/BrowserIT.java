package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static io.loginguard.e2e.Scenario.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * The pages of auth-service and ticket-service in a real browser (headless Chromium): what a person does, from
 * registering to an approved appeal, and what a reviewer does. Every page visited is checked with axe-core
 * ({@link A11y}); the main pages are saved at desktop and phone width under {@code docs/screenshots/}.
 * Skipped, saying why, where Chromium or its driver is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern CASE_KEY = Pattern.compile("\\b(lgc_[A-Za-z0-9_-]{20,})");

    static final A11y a11y = new A11y();
    static BrowserStack stack;
    static Path screenshots;
    static final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void start() {
        String missing = Browser.missing();
        Assumptions.assumeTrue(missing == null, () -> "browser tests skipped: " + missing);
        stack = BrowserStack.get();
        screenshots = ServiceProcess.projectRoot().resolve("docs/screenshots");
    }

    @AfterAll
    static void stop() {
        browsers.forEach(Browser::close);
    }

    static Browser browser() {
        Browser b = Browser.open(a11y);
        browsers.add(b);
        return b;
    }

    String auth(String path) {
        return stack.auth.url(path);
    }

    String ticket(String path) {
        return stack.ticket.url(path);
    }

    @Test
    @Order(1)
    void registerVerifyEnableTotpThenLogInWithIt() throws Exception {
        String email = Scenario.freshEmail("browser");
        Browser b = browser();

        b.go(auth("/register"));
        b.screenshot(screenshots, "register");
        b.type("#email", email).type("#password", PASSWORD).submit("#password");
        assertThat(b.path()).isEqualTo("/verify");
        String code = sixDigits(stack.awaitMail(email, "registration code"));
        if (b.find("#email").getAttribute("value").isEmpty()) {
            b.type("#email", email);
        }
        b.screenshot(screenshots, "verify");
        b.type("#code", code).submit("#code");

        logIn(b, email, PASSWORD);
        assertThat(b.path()).isEqualTo("/security");
        assertThat(b.text("main")).contains(email);
        b.screenshot(screenshots, "security");

        // the authenticator app: the key is read off the page, as a person would type it into their app
        b.press("form[action='/security/totp'] button[type=submit]");
        assertThat(b.path()).isEqualTo("/security/totp");
        String key = b.text("#totp-key").replaceAll("\\s", "");
        assertThat(key).matches("[A-Z2-7]{16}");
        assertThat(b.all("img")).as("the QR code").isNotEmpty();
        b.screenshot(screenshots, "totp");
        byte[] secret = SecondFactorIT.base32(key);
        b.type("#code", SecondFactorIT.totp(secret, SecondFactorIT.step(Instant.now()))).submit("#code");
        List<String> backup = b.all("code.backup-code").stream().map(WebElement::getText).toList();
        assertThat(backup).hasSize(10);
        b.screenshot(screenshots, "backup-codes");
        b.press("a.button[href='/security']");
        assertThat(b.text("main")).doesNotContain(backup.get(0));

        b.press("form[action='/logout'] button[type=submit]");
        b.go(auth("/security"));
        assertThat(b.path()).as("signed out").isEqualTo("/login");
        b.screenshot(screenshots, "login");

        logIn(b, email, PASSWORD);
        assertThat(b.path()).isEqualTo("/login/second-factor");
        assertThat(b.find("#two-factor-case").getAttribute("href"))
                .as("the lost-factor link goes to this ticket-service").startsWith(ticket("/cases/new"));
        b.screenshot(screenshots, "second-factor");
        // the next step's code: the enrolment used this one
        b.type("#code-TOTP", SecondFactorIT.totp(secret, SecondFactorIT.step(Instant.now()) + 1)).submit("#code-TOTP");
        assertThat(b.path()).isEqualTo("/security");
        assertThat(b.text("main")).contains(email);

        for (String page : List.of("/security/history", "/security/two-factor", "/security/password",
                "/security/phone", "/security/anti-phishing-code", "/security/freeze", "/security/questions",
                "/security/sub-accounts", "/security/sub-accounts/risk-policy")) {
            b.go(auth(page));
            assertThat(b.path()).isEqualTo(page);
        }
        b.go(auth("/security/history"));
        b.screenshot(screenshots, "history");
        b.go(auth("/forgot-password"));
    }

    @Test
    @Order(2)
    void fiveWrongPasswordsThenAnAppealTheReviewerApproves() throws Exception {
        String email = Scenario.freshEmail("browser-locked");
        Scenario.registerAccount(new AuthClient(stack.auth), email);
        Browser b = browser();

        b.go(auth("/login"));
        for (int i = 0; i < 5; i++) {
            logIn(b, email, WRONG);
        }
        // risk's verdict arrives a moment after the fifth: until then a wrong password is just wrong
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (b.all("[data-countdown]").isEmpty()) {
                logIn(b, email, WRONG);
            }
            return !b.all("[data-countdown]").isEmpty();
        });
        logIn(b, email, PASSWORD);
        assertThat(b.all("[data-countdown]")).as("even the right password: " + b.text("main")).isNotEmpty();
        assertThat(b.driver().getTitle()).contains("Operations too frequent");
        assertThat(Long.parseLong(b.find("[data-countdown]").getAttribute("data-countdown"))).isGreaterThan(60);
        b.screenshot(screenshots, "too-frequent");

        // the appeal, as a person without a session opens it
        b.go(ticket("/cases/new"));
        b.screenshot(screenshots, "case-types");
        b.go(ticket("/cases/new?type=UNABLE_TO_LOG_IN"));
        b.type("#email", email).submit("#email");
        assertThat(b.path()).isEqualTo("/cases/new/details");
        String code = sixDigits(stack.awaitMail(email, "support case code"));
        b.type("#code", code);
        List<WebElement> files = b.all("input[type=file]");
        assertThat(files).isNotEmpty();
        for (int i = 0; i < files.size(); i++) {
            files.get(i).sendKeys(image(i).toString());
        }
        b.type("#description", "Locked out after too many tries on a new keyboard layout");
        b.screenshot(screenshots, "case-details");
        b.submit("#description");
        assertThat(b.path()).as(b.text("main")).isEqualTo("/cases/follow");
        String caseId = b.find("#id").getAttribute("value");
        assertThat(caseId).isNotBlank();
        String opened = stack.awaitMail(email, "was received");
        Matcher key = CASE_KEY.matcher(opened);
        assertThat(key.find()).as(opened).isTrue();
        b.screenshot(screenshots, "case-follow");
        b.type("#key", key.group(1)).submit("#key");
        assertThat(b.path()).isEqualTo("/cases/" + caseId);
        b.screenshot(screenshots, "case-open");

        // the reviewer, in a browser of their own
        Browser r = browser();
        r.go(ticket("/review/cases"));
        assertThat(r.path()).isEqualTo("/review/login");
        r.screenshot(screenshots, "review-login");
        r.type("#username", TicketStack.REVIEWER).type("#password", TicketStack.REVIEWER_PASSWORD).submit("#password");
        r.go(ticket("/review/cases"));
        assertThat(r.path()).isEqualTo("/review/cases");
        r.screenshot(screenshots, "review-queue");
        r.press("a[href='/review/cases/" + caseId + "']");
        assertThat(r.all("img")).as("the documents inline").isNotEmpty();
        if (!r.all("form[action$='/claim'] button").isEmpty()) {
            r.press("form[action$='/claim'] button");
        }
        r.screenshot(screenshots, "review-case");
        r.press("form[action$='/approve'] button");
        assertThat(r.text("main")).as("the reviewer's page").containsIgnoringCase("approved");

        b.go(ticket("/cases/" + caseId));
        assertThat(b.all(".status-APPROVED")).as(b.text("main")).isNotEmpty();
        b.screenshot(screenshots, "case-approved");
    }

    @Test
    @Order(3)
    void aFourthDeviceSignsTheFirstOut() {
        String email = Scenario.freshEmail("browser-devices");
        Scenario.registerAccount(new AuthClient(stack.auth), email);
        List<Browser> devices = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Browser d = Browser.open(a11y);
                devices.add(d);
                d.go(auth("/login"));
                logIn(d, email, PASSWORD);
                assertThat(d.path()).as("device " + (i + 1)).isEqualTo("/security");
            }
            devices.get(3).go(auth("/security"));
            assertThat(devices.get(3).all(".sessions > li")).as("three devices at most").hasSize(3);
            devices.get(0).go(auth("/security"));
            assertThat(devices.get(0).path()).as("the first device's session ended").isEqualTo("/login");
            for (int i = 1; i < 4; i++) {
                devices.get(i).go(auth("/security"));
                assertThat(devices.get(i).path()).as("device " + (i + 1)).isEqualTo("/security");
            }
        } finally {
            devices.forEach(Browser::close);
        }
    }

    /**
     * A passkey in Chromium's virtual authenticator (CTAP2, internal, resident keys, user verified): added from the
     * settings, then the second step after the password, then a sign-in without a password, then removed from the
     * settings with the passkey as the proof. passkeys.js makes every navigator.credentials call; each change is
     * told by email.
     */
    @Test
    @Order(4)
    void aPasskeyFromTheSettingsServesAsTheSecondStepSignsInWithoutAPasswordAndIsRemoved() {
        String email = Scenario.freshEmail("browser-passkey");
        Scenario.registerAccount(new AuthClient(stack.auth), email);
        Browser b = browser();
        VirtualAuthenticator authenticator = b.driver().addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));

        b.go(auth("/login"));
        logIn(b, email, PASSWORD);
        assertThat(b.path()).isEqualTo("/security");
        b.press("a[href='/security/passkeys']");
        assertThat(b.all("#passkeys-none")).isNotEmpty();
        b.type("#passkey-name", "Chromium passkey").press("#passkey-add-button");
        assertThat(b.path()).isEqualTo("/security/passkeys");
        assertThat(b.text("p.notice")).as(b.text("main")).contains("The passkey is added");
        List<WebElement> listed = b.all("#passkeys-list > li");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).getText()).contains("Chromium passkey").contains("Never");
        String passkeyId = listed.get(0).getAttribute("data-passkey-id");
        assertThat(authenticator.getCredentials()).singleElement().satisfies(c -> {
            assertThat(c.isResidentCredential()).as("a discoverable credential").isTrue();
            assertThat(c.getRpId()).isEqualTo("localhost");
        });
        b.screenshot(screenshots, "passkeys");
        assertThat(stack.awaitMail(email, "passkey was added")).contains("Chromium passkey");

        // the password, then the passkey as the second step
        signOut(b);
        logIn(b, email, PASSWORD);
        assertThat(b.path()).isEqualTo("/login/second-factor");
        assertThat(b.all("#method-PASSKEY")).isNotEmpty();
        b.press("#passkey-second-button");
        assertThat(b.path()).as(b.text("main")).isEqualTo("/security");
        assertThat(b.text("main")).contains(email);

        // no password at all: "Sign in with a passkey" offers the discoverable passkey
        signOut(b);
        b.go(auth("/login"));
        b.press("#passkey-login-button");
        assertThat(b.path()).as(b.text("main")).isEqualTo("/security");
        assertThat(b.text("main")).contains(email);

        // the only second factor stays (loginguard.auth.factors.required, on by default)...
        b.go(auth("/security/passkeys"));
        assertThat(b.find("#passkey-" + passkeyId).getText()).doesNotContain("Never");
        b.press("#passkey-remove-" + passkeyId);
        assertThat(b.text("main")).contains("must keep one second factor");
        assertThat(b.go(auth("/security/passkeys")).all("#passkeys-list > li")).hasSize(1);
        // ...so codes by email go on first (a code to the address, typed back)...
        b.go(auth("/security/two-factor"));
        b.type("#email-destination", email).submit("#email-destination");
        b.type("#code", sixDigits(stack.awaitMail(email, "verification code"))).submit("#code");
        assertThat(b.go(auth("/security/two-factor")).text("#factor-email h2")).endsWith("On");

        // ...then the passkey is removed from the settings, the passkey itself proving it is the owner
        b.go(auth("/security/passkeys"));
        b.press("#passkey-remove-" + passkeyId);
        assertThat(b.path()).isEqualTo("/security/passkeys");
        assertThat(b.text("p.notice")).as(b.text("main")).contains("The passkey is removed");
        assertThat(b.all("#passkeys-none")).isNotEmpty();
        assertThat(stack.awaitMail(email, "passkey was removed")).contains("Chromium passkey");

        // the browser still holds the credential, but auth no longer knows it: no way in with it
        signOut(b);
        b.go(auth("/login"));
        b.press("#passkey-login-button");
        assertThat(b.text("main")).contains("The passkey was not accepted");
        b.go(auth("/security"));
        assertThat(b.path()).as("still signed out").isEqualTo("/login");
    }

    private void signOut(Browser b) {
        b.go(auth("/security"));
        b.press("form[action='/logout'] button[type=submit]");
        b.go(auth("/security"));
        assertThat(b.path()).as("signed out").isEqualTo("/login");
    }

    @Test
    @Order(99)
    void noPageHasSeriousOrCriticalAccessibilityViolations() {
        assertThat(a11y.pagesChecked()).hasSizeGreaterThan(10);
        // axe really runs in these pages' browser: a page with an unlabelled field and an image without text fails
        A11y probe = new A11y();
        Browser b = browser();
        b.driver().get("data:text/html,<!doctype html><html lang=en><title>probe</title><main><img src=x.png>"
                + "<input type=text></main></html>");
        probe.check(b.driver());
        assertThat(probe.violations()).extracting(A11y.Violation::rule).contains("image-alt", "label");
        assertThat(probe.violations()).anyMatch(A11y.Violation::blocking);
        a11y.assertNoSeriousOrCritical();
    }

    private void logIn(Browser b, String email, String password) {
        if (!b.path().equals("/login") || b.all("#password").isEmpty()) { // e.g. "Operations too frequent" at /login
            b.go(auth("/login"));
        }
        b.type("#email", email).type("#password", password).submit("#password");
    }

    private static String sixDigits(String mail) {
        Matcher m = SIX_DIGITS.matcher(mail);
        assertThat(m.find()).as(mail).isTrue();
        return m.group(1);
    }

    /** A small generated picture, PNG and JPEG in turn, as a phone's camera would give one. */
    private static Path image(int n) throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(40 * n % 255, 120, 200));
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.WHITE);
        g.drawString("ID " + n, 8, 28);
        g.dispose();
        String format = n % 2 == 0 ? "png" : "jpeg";
        Path file = Files.createTempFile("e2e-document-" + n + "-", "." + (n % 2 == 0 ? "png" : "jpg"));
        ImageIO.write(image, format, file.toFile());
        file.toFile().deleteOnExit();
        return file;
    }
}
