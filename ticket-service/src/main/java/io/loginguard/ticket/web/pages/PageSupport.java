package io.loginguard.ticket.web.pages;

import io.loginguard.kit.db.Transactions.DatabaseUnavailableException;
import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.files.UploadRejected;
import io.loginguard.ticket.web.ApiException;
import io.loginguard.ticket.web.Problem;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every page needs: the locale, the cookies (CSRF, language, the case key, the reviewer session), the CSRF
 * check, and rendering a Qute template into an answer.
 *
 * <p>CSRF: a random token in the {@code lgt_csrf} cookie (HttpOnly, SameSite=Lax) is repeated in a hidden field of
 * every form; a POST whose field does not equal its cookie is refused with 403. Another site can neither read the
 * cookie nor set it, so it cannot write the field. The language cookie {@code lg_lang} is auth-service's: a choice
 * made on either service's pages holds on the other's when they share a host.
 */
@ApplicationScoped
public class PageSupport {
    public static final String CSRF = "lgt_csrf";
    public static final String LANG = "lg_lang";
    /** The case access key of the case this browser follows (path /cases). */
    public static final String CASE = "lgt_case";
    /** The reviewer token of the console (path /review). */
    public static final String REVIEW = "lgt_review";

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Locale ZH = Locale.forLanguageTag("zh");
    private final SecureRandom random = new SecureRandom();

    @Inject
    Engine engine;
    @Inject
    TicketPolicy policy;

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
            this.locale = localeOf(headers);
            String existing = cookie(CSRF);
            if (existing != null && existing.matches("[A-Za-z0-9_-]{43}")) {
                this.csrf = existing;
            } else {
                this.csrf = randomToken();
                setCookie(CSRF, csrf, "/", -1);
            }
        }

        public String cookie(String name) {
            Cookie c = headers.getCookies().get(name);
            return c == null || c.getValue() == null || c.getValue().isBlank() ? null : c.getValue();
        }

        public void setCookie(String name, String value, String path, long maxAgeSeconds) {
            StringBuilder b = new StringBuilder(name).append('=').append(value).append("; Path=").append(path)
                    .append("; HttpOnly; SameSite=Lax");
            if (maxAgeSeconds >= 0) {
                b.append("; Max-Age=").append(maxAgeSeconds);
            }
            if (policy.pages().secureCookies()) {
                b.append("; Secure");
            }
            setCookies.add(b.toString());
        }

        public void clearCookie(String name, String path) {
            setCookie(name, "", path, 0);
        }

        public boolean chinese() {
            return ZH.getLanguage().equals(locale.getLanguage());
        }

        @Override
        public <T> T words(Class<T> bundle) {
            return chinese() ? MessageBundles.get(bundle, Localized.Literal.of("zh")) : MessageBundles.get(bundle);
        }

        /** True when the form's token is the one of this browser's CSRF cookie. */
        public boolean csrfValid(String formToken) {
            String cookie = cookie(CSRF);
            return cookie != null && formToken != null && MessageDigest.isEqual(
                    cookie.getBytes(StandardCharsets.UTF_8), formToken.getBytes(StandardCharsets.UTF_8));
        }

        public Response render(String template, int status, Map<String, Object> data) {
            TemplateInstance page = engine.getTemplate("pages/" + template).instance();
            Map<String, Object> all = new HashMap<>(data);
            all.put("lang", chinese() ? "zh" : "en");
            all.put("otherLang", chinese() ? "en" : "zh");
            String back = "GET".equals(http.method().name()) && http.query() != null ? http.path() + "?" + http.query() : http.path();
            all.put("langHref", "/lang?to=" + (chinese() ? "en" : "zh") + "&back=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
            all.put("csrf", csrf);
            all.forEach(page::data);
            page.setLocale(chinese() ? ZH : Locale.ENGLISH);
            return withCookies(Response.status(status).type("text/html;charset=UTF-8").entity(page.render()));
        }

        public Response render(String template, Map<String, Object> data) {
            return render(template, 200, data);
        }

        public Response redirect(String location) {
            return withCookies(Response.seeOther(URI.create(location)));
        }

        /** A page with a title, a text and a way on. */
        public Response message(int status, String title, String text, String backHref) {
            return render("message", status, PageData.form("title", title, "text", text, "back", backHref));
        }

        public Response csrfRefused(String backHref) {
            return message(403, msg().csrf_title(), msg().csrf_text(), backHref);
        }

        public Response unavailable(String backHref) {
            Response r = message(503, msg().unavailable_title(), msg().unavailable_text(), backHref);
            return Response.fromResponse(r).header("Retry-After", 5).build();
        }

        public String when(Instant at) {
            return at == null ? "" : WHEN.format(at);
        }

        /** The words for a refused upload: which file, and what to do. */
        public String uploadError(UploadRejected e) {
            ErrorMessages m = err();
            String part = e.part() == null ? "" : partLabel(e.part());
            return switch (e.code()) {
                case "unsupported_file_type" -> m.err_file_type(part);
                case "file_too_large" -> m.err_file_too_large(part, mib(policy.uploads().maxFileBytes()));
                case "case_too_large" -> m.err_case_too_large(mib(policy.uploads().maxCaseBytes()));
                case "missing_part" -> m.err_missing_file(part);
                case "empty_file" -> m.err_empty_file(part);
                case "image_too_large" -> m.err_image_too_large(part);
                case "encrypted_pdf" -> m.err_encrypted_pdf(part);
                case "unreadable_file" -> m.err_unreadable_file(part);
                default -> m.err_other(e.getMessage());
            };
        }

        /** The words for a refusal of the case service a form shows next to itself. */
        public String errorText(ApiException e) {
            Problem p = e.problem();
            ErrorMessages m = err();
            return switch (p.code()) {
                case "invalid_code" -> "phoneCode".equals(p.field()) ? m.err_invalid_phone_code() : m.err_invalid_code();
                case "missing_field" -> m.err_missing_field(fieldLabel(p.field()));
                case "invalid_field" -> "newPhone".equals(p.field()) ? m.err_new_phone() : m.err_invalid_field(fieldLabel(p.field()));
                case "invalid_answers" -> m.err_invalid_answers();
                case "account_not_frozen" -> m.err_account_not_frozen();
                case "reactivation_too_early" -> m.err_too_early(when(p.retryAt()));
                case "not_waiting_for_you" -> m.err_not_waiting();
                case "case_closed" -> m.err_case_closed();
                case "claimed_by_another" -> m.err_claimed_by_another();
                case "already_waiting" -> m.err_already_waiting();
                case "invalid_credentials" -> m.err_invalid_credentials();
                case "file_deleted" -> m.err_file_deleted();
                default -> m.err_other(p.detail());
            };
        }

        public String partLabel(String part) {
            PageMessages m = msg();
            return switch (part) {
                case "idFront" -> m.part_idFront();
                case "idBack" -> m.part_idBack();
                case "selfie" -> m.part_selfie();
                case "document" -> m.part_document();
                default -> part;
            };
        }

        String fieldLabel(String field) {
            CaseMessages m = cases();
            if (field == null) {
                return "";
            }
            return switch (field) {
                case "identifier" -> m.email();
                case "code" -> m.code();
                case "phoneCode" -> m.phone_code();
                case "newPhone" -> msg().new_phone();
                case "description" -> m.description();
                case "message" -> m.message_label();
                case "reason" -> msg().reason();
                default -> partLabel(field);
            };
        }

        private Response withCookies(Response.ResponseBuilder b) {
            setCookies.forEach(c -> b.header("Set-Cookie", c));
            return b.build();
        }
    }

    public Req request(HttpHeaders headers, HttpServerRequest http) {
        return new Req(headers, http);
    }

    /** Runs a page step; PostgreSQL down is a page saying so (503), never a JSON problem. */
    static Response orUnavailable(Req r, String backHref, java.util.function.Supplier<Response> step) {
        try {
            return step.get();
        } catch (DatabaseUnavailableException e) {
            return r.unavailable(backHref);
        }
    }

    Locale localeOf(HttpHeaders headers) {
        Cookie chosen = headers.getCookies().get(LANG);
        if (chosen != null && ("zh".equals(chosen.getValue()) || "en".equals(chosen.getValue()))) {
            return "zh".equals(chosen.getValue()) ? ZH : Locale.ENGLISH;
        }
        for (Locale l : headers.getAcceptableLanguages()) {
            if ("zh".equals(l.getLanguage())) {
                return ZH;
            }
            if ("en".equals(l.getLanguage())) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String mib(long bytes) {
        long whole = bytes / (1024 * 1024);
        return whole * 1024 * 1024 == bytes ? whole + " MB" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    static String kib(long bytes) {
        return bytes < 1024 * 1024 ? Math.max(1, (bytes + 1023) / 1024) + " KB" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    /** A same-site path to go back to, or the case types page. */
    static String localPath(String back) {
        return back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
                && back.length() < 512 ? back : "/cases/new";
    }
}
