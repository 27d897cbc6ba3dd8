package io.loginguard.auth.web.pages;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.login.ClientAddress;
import io.loginguard.auth.login.ClientInfo;
import io.loginguard.auth.me.CurrentAccount;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What every page needs: the locale, the cookies (session, CSRF, device, language), the CSRF check, the client of
 * a login, and rendering a Qute template into an answer.
 *
 * <p>CSRF: a random token in the {@code lg_csrf} cookie (HttpOnly, SameSite=Lax) is repeated in a hidden field of
 * every form; a POST whose field does not equal its cookie is refused with 403. Another site can neither read the
 * cookie nor set it, so it cannot write the field.
 */
@ApplicationScoped
public class PageSupport {
    public static final String SESSION = "lg_session";
    public static final String CSRF = "lg_csrf";
    public static final String DEVICE = "lg_device";
    public static final String LANG = "lg_lang";
    public static final String CHALLENGE = "lg_challenge";

    private final SecureRandom random = new SecureRandom();

    @Inject
    Engine engine;
    @Inject
    CurrentAccount current;
    @Inject
    ClientAddress clientAddress;
    @Inject
    AuthConfig config;

    /** One page request: its locale, its CSRF token, and the cookies its answer sets. */
    public final class Req implements PageWords {
        final HttpHeaders headers;
        final HttpServerRequest http;
        final Locale locale;
        final String csrf;
        final List<String> setCookies = new ArrayList<>();

        Req(HttpHeaders headers, HttpServerRequest http) {
            this.headers = headers;
            this.http = http;
            this.locale = PageLocales.of(headers);
            String existing = cookie(CSRF);
            if (existing != null && existing.matches("[A-Za-z0-9_-]{43}")) {
                this.csrf = existing;
            } else {
                this.csrf = randomToken();
                setCookie(CSRF, csrf, -1);
            }
        }

        public String cookie(String name) {
            Cookie c = headers.getCookies().get(name);
            return c == null || c.getValue() == null || c.getValue().isBlank() ? null : c.getValue();
        }

        public void setCookie(String name, String value, long maxAgeSeconds) {
            StringBuilder b = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=Lax");
            if (maxAgeSeconds >= 0) {
                b.append("; Max-Age=").append(maxAgeSeconds);
            }
            if (config.pages().secureCookies()) {
                b.append("; Secure");
            }
            setCookies.add(b.toString());
        }

        public void clearCookie(String name) {
            setCookie(name, "", 0);
        }

        @Override
        public <T> T words(Class<T> bundle) {
            return PageLocales.ZH.getLanguage().equals(locale.getLanguage()) ? MessageBundles.get(bundle, Localized.Literal.of("zh"))
                    : MessageBundles.get(bundle);
        }

        /** True when the form's token is the one of this browser's CSRF cookie. */
        public boolean csrfValid(String formToken) {
            String cookie = cookie(CSRF);
            return cookie != null && formToken != null && MessageDigest.isEqual(
                    cookie.getBytes(StandardCharsets.UTF_8), formToken.getBytes(StandardCharsets.UTF_8));
        }

        /** The session token of the signed-in person, if the cookie names a live session of an active account. */
        public Optional<CurrentAccount.Caller> caller() {
            String token = cookie(SESSION);
            if (token == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(current.caller("Bearer " + token));
            } catch (ApiException e) {
                return Optional.empty();
            }
        }

        /** The client of a login from this browser; its device id is the {@code lg_device} cookie (made here once). */
        public ClientInfo client() {
            String device = cookie(DEVICE);
            if (device == null || !device.matches("[A-Za-z0-9_-]{43}")) {
                device = randomToken();
                setCookie(DEVICE, device, 2L * 365 * 24 * 3600);
            }
            String peer = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
            return new ClientInfo(clientAddress.resolve(peer, http.getHeader("X-Forwarded-For")), "web-" + device.substring(0, 16),
                    http.getHeader("User-Agent"), http.getHeader(config.client().countryHeader()), null, null);
        }

        public Response render(String template, int status, Map<String, Object> data) {
            TemplateInstance page = engine.getTemplate("pages/" + template).instance();
            Map<String, Object> all = new HashMap<>(data);
            boolean chinese = PageLocales.ZH.getLanguage().equals(locale.getLanguage());
            all.put("lang", chinese ? "zh" : "en");
            all.put("otherLang", chinese ? "en" : "zh");
            String back = http.path() + (http.query() == null ? "" : "?" + http.query());
            if (!"GET".equals(http.method().name())) {
                back = http.path();
            }
            all.put("langHref", "/lang?to=" + (chinese ? "en" : "zh") + "&back=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
            all.put("csrf", csrf);
            all.forEach(page::data);
            page.setLocale(chinese ? PageLocales.ZH : Locale.ENGLISH);
            return withCookies(Response.status(status).type("text/html;charset=UTF-8").entity(page.render()));
        }

        public Response render(String template, Map<String, Object> data) {
            return render(template, 200, data);
        }

        public Response redirect(String location) {
            return withCookies(Response.seeOther(URI.create(location)));
        }

        /** A page with a title, a text and a way on: frozen, step-up, unavailable, CSRF refused. */
        public Response message(int status, String title, String text) {
            return render("message", status, Map.of("title", title, "text", text));
        }

        /** A message page with a link onwards (to ticket-service's case page, say). */
        public Response message(int status, String title, String text, String linkHref, String linkText) {
            return render("message", status, Map.of("title", title, "text", text, "linkHref", linkHref,
                    "linkText", linkText));
        }

        /** An address of ticket-service's pages, from its configured base URL. */
        public String ticketUrl(String path) {
            String base = config.pages().ticketBaseUrl();
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
        }

        /** Ticket-service's page to reset the second factor: the "Security verification unavailable" link. */
        public String twoFactorCaseUrl() {
            return ticketUrl(config.pages().twoFactorResetPath());
        }

        /** How long after a code is sent another may be asked for, in seconds. */
        public long resendSeconds() {
            return config.codes().resendInterval().toSeconds();
        }

        /** The account frozen: it cannot log in; a reactivation case with support is the way back. */
        public Response frozen() {
            return message(403, login().frozen_title(), login().frozen_text(),
                    ticketUrl(config.pages().reactivationPath()), login().open_reactivation_case());
        }

        public Response csrfRefused() {
            return message(403, login().csrf_title(), login().csrf_text());
        }

        /** The page for a refusal a form cannot fix; null when the form should show the problem itself. */
        public Response refusal(ApiException e) {
            Problem p = e.problem();
            return switch (p.code()) {
                case "too_frequent" -> tooFrequent(e);
                case "account_frozen" -> frozen();
                case "step_up_required" -> message(403, login().step_up_title(), login().step_up_text(),
                        ticketUrl(config.pages().identityPath()), login().open_identity_case());
                case "unavailable", "risk_unavailable" -> message(503, login().unavailable_title(), login().unavailable_text());
                default -> null;
            };
        }

        Response tooFrequent(ApiException e) {
            long seconds = ProblemTexts.retrySeconds(e);
            Response r = render("too-frequent", 429, Map.of("seconds", seconds,
                    "wait", login().too_frequent_wait(seconds / 60, seconds % 60)));
            return Response.fromResponse(r).header("Retry-After", seconds).build();
        }

        /** The words for a problem a form shows next to itself. */
        public String errorText(ApiException e) {
            return ProblemTexts.of(this, e);
        }

        /**
         * The problem's words as template data beside the field it concerns ({@code <field>Error}): the field the API
         * names, else {@code field}. Password rules name each rule broken.
         */
        public Map<String, Object> beside(ApiException e, String field) {
            return ProblemTexts.beside(this, e, field);
        }

        private Response withCookies(Response.ResponseBuilder b) {
            setCookies.forEach(c -> b.header("Set-Cookie", c));
            return b.build();
        }
    }

    /** What a signed-in page does with its request and its caller. */
    @FunctionalInterface
    public interface SignedIn {
        Response handle(Req r, CurrentAccount.Caller caller);
    }

    /** A GET of a signed-in page: without a live session, the login page. */
    public Response page(HttpHeaders headers, HttpServerRequest http, SignedIn body) {
        Req r = request(headers, http);
        return signedIn(r, body);
    }

    /** A POST of a signed-in page: the CSRF token first, then the session. */
    public Response form(HttpHeaders headers, HttpServerRequest http, String csrf, SignedIn body) {
        Req r = request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        return signedIn(r, body);
    }

    private Response signedIn(Req r, SignedIn body) {
        Optional<CurrentAccount.Caller> caller = r.caller();
        if (caller.isEmpty()) {
            return r.redirect("/login");
        }
        try {
            return body.handle(r, caller.get());
        } catch (ApiException e) {
            // what the page did not show beside a field: a refusal page, or the problem's words
            Response refused = r.refusal(e);
            return refused != null ? refused : r.message(e.problem().status(), r.msg().error_title(), r.errorText(e),
                    "/security", r.msg().back_to_security());
        }
    }

    public Req request(HttpHeaders headers, HttpServerRequest http) {
        return new Req(headers, http);
    }

    String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A same-site path to go back to, or the login page. */
    static String localPath(String back) {
        return back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
                && back.length() < 512 ? back : "/login";
    }
}
