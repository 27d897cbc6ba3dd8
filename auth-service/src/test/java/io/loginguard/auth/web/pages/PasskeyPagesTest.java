package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PagesTest.PASSWORD;
import static io.loginguard.auth.web.pages.PagesTest.csrf;
import static io.loginguard.auth.web.pages.PagesTest.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.auth.account.TestAccounts;
import io.loginguard.auth.factor.TestBase32;
import io.loginguard.auth.factor.Totp;
import io.loginguard.auth.passkey.SoftAuthenticator;
import io.loginguard.auth.pipeline.PipelineView;
import io.loginguard.auth.pipeline.RiskHeartbeatResponder;
import io.loginguard.auth.passkey.FactorsOptionalProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The security settings' passkeys page, driven the way passkeys.js drives it (a software authenticator answers). */
@QuarkusTest
@TestProfile(FactorsOptionalProfile.class)
class PasskeyPagesTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "loginguard.auth.passkeys.rp-id")
    String rpId;

    @ConfigProperty(name = "loginguard.auth.passkeys.origins")
    List<String> origins;

    @Inject
    PipelineView pipeline;

    @BeforeEach
    void risk() {
        RiskHeartbeatResponder.answering(bootstrap, pipeline);
    }

    @Test
    void aPasskeyIsAddedListedAndRemovedFromTheSettingsWithItsCsrfToken() {
        String email = "pages-passkey-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        PagesTest.Browser b = new PagesTest.Browser("en");
        Response r = b.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
        assertThat(path(r.header("Location"))).isEqualTo("/security");
        assertThat(b.get("/security").asString()).contains("href=\"/security/passkeys\"");

        Response page = b.get("/security/passkeys");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString()).contains("No passkeys yet.").contains("<label for=\"passkey-name\">")
                .contains("id=\"passkey-add\"").contains("src=\"/pages/passkeys.js\"").doesNotContain("<script>");
        assertThat(b.post("/security/passkeys/options", Map.of()).statusCode()).isEqualTo(403);
        Response options = b.post("/security/passkeys/options", Map.of("csrf", csrf(page)));
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.contentType()).startsWith("application/json");

        SoftAuthenticator authenticator = new SoftAuthenticator(rpId, origins.get(0));
        Map<String, Object> created = authenticator.create(options.jsonPath().getString("challenge"),
                options.jsonPath().getString("user.id"), "Work laptop");
        Map<String, String> form = new HashMap<>();
        created.forEach((k, v) -> form.put(k, v instanceof List<?> l ? String.join(",", l.stream().map(Object::toString).toList())
                : String.valueOf(v)));
        assertThat(b.post("/security/passkeys", form).statusCode()).isEqualTo(403); // no CSRF token
        form.put("csrf", csrf(page));
        r = b.post("/security/passkeys", form);
        assertThat(r.statusCode()).isEqualTo(303);
        page = b.follow(r);
        assertThat(page.asString()).contains("The passkey is added.").contains("Work laptop").contains("Never");
        String id = page.asString().replaceAll("(?s).*data-passkey-id=\"([0-9a-f-]{36})\".*", "$1");

        // removing needs a proof: with no code factor on the account, the page asks the passkey itself
        assertThat(page.asString()).contains("id=\"passkey-remove-form-" + id + "\"")
                .contains("data-options=\"/security/passkeys/proof-options\"")
                .contains("<input type=\"hidden\" name=\"method\" value=\"PASSKEY\">");
        assertThat(b.post("/security/passkeys/" + id + "/remove", Map.of()).statusCode()).isEqualTo(403);
        r = b.post("/security/passkeys/" + id + "/remove", Map.of("csrf", csrf(page), "method", "PASSKEY"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).contains("role=\"alert\">The passkey was not accepted").contains("Work laptop")
                .contains("confirm it is you with a passkey.");
        r = b.post("/security/passkeys/" + id + "/remove", Map.of("csrf", csrf(page), "method", "TOTP", "code", "123456"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).contains("class=\"error\" role=\"alert\"").contains("Work laptop");
        assertThat(b.post("/security/passkeys/proof-options", Map.of()).statusCode()).isEqualTo(403);
        options = b.post("/security/passkeys/proof-options", Map.of("csrf", csrf(page)));
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.jsonPath().getString("allowCredentials[0].id")).isEqualTo(authenticator.credentialId());
        Map<String, String> proof = strings(authenticator.get(options.jsonPath().getString("challenge")));
        proof.put("csrf", csrf(page));
        proof.put("method", "PASSKEY");
        r = b.post("/security/passkeys/" + id + "/remove", proof);
        assertThat(r.statusCode()).isEqualTo(303);
        String removed = b.follow(r).asString();
        assertThat(removed).contains("The passkey is removed.").contains("No passkeys yet.");
        assertThat(removed.split("The passkey is removed.", -1)).as("the notice once").hasSize(2);

        assertThat(RestAssured.get("/pages/passkeys.js").statusCode()).isEqualTo(200);
    }

    @Test
    void signInWithAPasskeyOnTheLoginPageAndUseItAtTheSecondStep() {
        String email = "pages-passkey-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        PagesTest.Browser b = new PagesTest.Browser("en");
        b.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
        Response page = b.get("/security/passkeys");
        Response options = b.post("/security/passkeys/options", Map.of("csrf", csrf(page)));
        SoftAuthenticator authenticator = new SoftAuthenticator(rpId, origins.get(0));
        Map<String, Object> created = authenticator.create(options.jsonPath().getString("challenge"),
                options.jsonPath().getString("user.id"), "Phone");
        Map<String, String> form = new HashMap<>();
        created.forEach((k, v) -> form.put(k, v instanceof List<?> l ? String.join(",", l.stream().map(Object::toString).toList())
                : String.valueOf(v)));
        form.put("csrf", csrf(page));
        assertThat(b.post("/security/passkeys", form).statusCode()).isEqualTo(303);

        // passwordless, from the login page's "Sign in with a passkey"
        PagesTest.Browser other = new PagesTest.Browser("en");
        Response login = other.get("/login");
        assertThat(login.asString()).contains("id=\"passkey-login\"").contains("Sign in with a passkey");
        assertThat(other.post("/login/passkey/options", Map.of()).statusCode()).isEqualTo(403);
        options = other.post("/login/passkey/options", Map.of("csrf", csrf(login)));
        assertThat(options.statusCode()).isEqualTo(200);
        Map<String, String> assertion = strings(authenticator.get(options.jsonPath().getString("challenge")));
        assertion.put("csrf", csrf(login));
        Response r = other.post("/login/passkey", assertion);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(path(r.header("Location"))).isEqualTo("/security");
        assertThat(other.cookies).containsKey("lg_session");
        // the same assertion again is refused on the page
        r = other.post("/login/passkey", assertion);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.asString()).contains("The passkey was not accepted");

        // the password, then the passkey as the second step
        PagesTest.Browser third = new PagesTest.Browser("en");
        r = third.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
        assertThat(path(r.header("Location"))).isEqualTo("/login/second-factor");
        Response second = third.get("/login/second-factor");
        assertThat(second.asString()).contains("id=\"method-PASSKEY\"").contains("id=\"passkey-second\"");
        options = third.post("/login/second-factor/passkey/options", Map.of("csrf", csrf(second)));
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.jsonPath().getString("allowCredentials[0].id")).isEqualTo(authenticator.credentialId());
        assertion = strings(authenticator.get(options.jsonPath().getString("challenge")));
        assertion.put("csrf", csrf(second));
        r = third.post("/login/second-factor/passkey", assertion);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(path(r.header("Location"))).isEqualTo("/security");
    }

    @Test
    void withAnAuthenticatorAppTheRemovalMayBeProvenByABackupCode() {
        String email = "pages-passkey-" + UUID.randomUUID() + "@example.com";
        TestAccounts.active(bootstrap, email, PASSWORD);
        PagesTest.Browser b = new PagesTest.Browser("en");
        b.submit("/login", "/login", Map.of("email", email, "password", PASSWORD));
        // the app turned on through the API, in a session of its own: the factors are the account's
        String token = RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD)).post("/api/v1/sessions")
                .then().statusCode(201).extract().path("token");
        String secret = RestAssured.given().header("Authorization", "Bearer " + token).post("/api/v1/me/totp")
                .then().statusCode(201).extract().path("secret");
        Totp totp = new Totp(Duration.ofSeconds(30), 6, 1);
        List<String> backup = RestAssured.given().header("Authorization", "Bearer " + token)
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("code", totp.code(TestBase32.decode(secret), totp.stepAt(Instant.now()))))
                .post("/api/v1/me/totp/confirmation").then().statusCode(200).extract().path("backupCodes");

        Response page = b.get("/security/passkeys");
        Response options = b.post("/security/passkeys/options", Map.of("csrf", csrf(page)));
        SoftAuthenticator authenticator = new SoftAuthenticator(rpId, origins.get(0));
        Map<String, String> form = strings(authenticator.create(options.jsonPath().getString("challenge"),
                options.jsonPath().getString("user.id"), "Desk key"));
        form.put("transports", "usb");
        form.put("csrf", csrf(page));
        page = b.follow(b.post("/security/passkeys", form));
        String id = page.asString().replaceAll("(?s).*data-passkey-id=\"([0-9a-f-]{36})\".*", "$1");
        assertThat(page.asString()).contains("<label for=\"passkey-remove-method-" + id + "\">")
                .contains("<option value=\"PASSKEY\">With a passkey</option>")
                .contains("<option value=\"BACKUP_CODE\">").contains("<label for=\"passkey-remove-code-" + id + "\">")
                .contains("or with a code from your authenticator app or a backup code");

        Response r = b.post("/security/passkeys/" + id + "/remove",
                Map.of("csrf", csrf(page), "method", "BACKUP_CODE", "code", backup.get(0)));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(b.follow(r).asString()).contains("The passkey is removed.").contains("No passkeys yet.");
    }

    private static Map<String, String> strings(Map<String, Object> body) {
        Map<String, String> out = new HashMap<>();
        body.forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        return out;
    }
}
