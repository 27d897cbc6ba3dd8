package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PageData.form;

import io.loginguard.auth.account.Identifier;
import io.loginguard.auth.factor.Factors;
import io.loginguard.auth.factor.LastFactorRule;
import io.loginguard.auth.factor.SecondFactor;
import io.loginguard.auth.me.CurrentAccount;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.LoginAttempted;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two-step verification as a page: codes by SMS or by email turned on (a code to the destination, then that code)
 * and off, the authenticator app turned off, and new backup codes (shown once, with a download as a text file).
 * Turning off and new backup codes need a code from the authenticator app or a backup code, as the JSON API's
 * (FactorResource) do.
 */
@Path("/security")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class FactorPages {
    static final String BACKUP_CODE_FORM = "[a-z0-9]{5}-[a-z0-9]{5}";

    private final PageSupport pages;
    private final Factors factors;
    private final LastFactorRule lastFactor;
    private final ResendLimiter limiter;

    public FactorPages(PageSupport pages, Factors factors, LastFactorRule lastFactor, ResendLimiter limiter) {
        this.pages = pages;
        this.factors = factors;
        this.lastFactor = lastFactor;
        this.limiter = limiter;
    }

    /** A factor as the page shows it: its state, where its codes go, and whether it may be turned off now. */
    @io.quarkus.qute.TemplateData
    public record FactorState(boolean on, String destination, boolean removable) {
    }

    /** The proofs a page accepts (the methods whose code the person can have without a login in progress). */
    static List<MethodOption> proofOptions(PageMessages m, List<LoginAttempted.Method> methods) {
        List<MethodOption> out = new ArrayList<>();
        if (methods.contains(LoginAttempted.Method.TOTP)) {
            out.add(new MethodOption("TOTP", m.method_TOTP(), null));
        }
        if (methods.contains(LoginAttempted.Method.BACKUP_CODE)) {
            out.add(new MethodOption("BACKUP_CODE", m.method_BACKUP_CODE(), null));
        }
        return out;
    }

    static LoginAttempted.Method proofMethod(String name) {
        return "TOTP".equals(name) ? LoginAttempted.Method.TOTP
                : "BACKUP_CODE".equals(name) ? LoginAttempted.Method.BACKUP_CODE : null;
    }

    private Map<String, Object> data(PageSupport.Req r, CurrentAccount.Caller c) {
        List<SecondFactor> enabled = QuarkusTransaction.requiringNew().call(() -> SecondFactor.enabledOf(c.account().id));
        Map<String, Object> data = form(
                "totp", state(c, enabled, SecondFactor.Kind.TOTP),
                "sms", state(c, enabled, SecondFactor.Kind.SMS),
                "email", state(c, enabled, SecondFactor.Kind.EMAIL));
        List<LoginAttempted.Method> methods = QuarkusTransaction.requiringNew().call(() -> factors.methodsOf(c.account().id));
        data.put("proofs", proofOptions(r.msg(), methods));
        return data;
    }

    private FactorState state(CurrentAccount.Caller c, List<SecondFactor> enabled, SecondFactor.Kind kind) {
        Optional<SecondFactor> f = enabled.stream().filter(x -> x.kind == kind).findFirst();
        boolean removable = f.isPresent()
                && QuarkusTransaction.requiringNew().call(() -> lastFactor.mayTurnOff(c.account().id, kind));
        return new FactorState(f.isPresent(), f.map(x -> x.destination).orElse(null), removable);
    }

    private Response page(PageSupport.Req r, CurrentAccount.Caller c, int status, String key, String error) {
        Map<String, Object> data = data(r, c);
        if (key != null) {
            data.put(key, error);
        }
        return r.render("two-factor", status, data);
    }

    @GET
    @Path("two-factor")
    public Response twoFactorPage(@QueryParam("done") String done,
                                  @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> {
            Map<String, Object> data = data(r, c);
            if ("on".equals(done)) {
                data.put("notice", r.factor().factor_turned_on());
            } else if ("off".equals(done)) {
                data.put("notice", r.factor().factor_turned_off());
            }
            return r.render("two-factor", data);
        });
    }

    /**
     * The addresses forms here post to, asked for with GET (the language switch of a page answered to a POST links
     * back to its address): the two-factor page.
     */
    @GET
    @Path("two-factor/{kind: sms|email}")
    public Response startAddress() {
        return toTwoFactorPage();
    }

    @GET
    @Path("two-factor/{kind: totp|sms|email}/off")
    public Response offAddress() {
        return toTwoFactorPage();
    }

    @GET
    @Path("backup-codes")
    public Response backupCodesAddress() {
        return toTwoFactorPage();
    }

    private static Response toTwoFactorPage() {
        return Response.seeOther(java.net.URI.create("/security/two-factor")).build();
    }

    // ---- codes by SMS or email: a code to the destination, then that code

    @POST
    @Path("two-factor/{kind: sms|email}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response startCodeFactor(@PathParam("kind") String kind, @FormParam("csrf") String csrf,
                                    @FormParam("destination") String destination,
                                    @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            boolean sms = "sms".equals(kind);
            try {
                String d = destination == null ? "" : destination.strip();
                if (d.isEmpty() || d.length() > 254 || !sms && !d.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    throw new ApiException(Problem.invalid("invalid_field", "invalid value for: " + (sms ? "phone" : "email"),
                            List.of(new Problem.FieldError(sms ? "phone" : "email", "is not valid"))));
                }
                Identifier where = sms ? Identifier.of(null, d) : Identifier.of(d, null);
                limiter.take("factor-codes", where.value()).ifPresent(wait -> {
                    throw ApiException.tooFrequent("a code was sent a moment ago; please wait before asking again", wait);
                });
                factors.startCodeFactor(c.account(), sms ? SecondFactor.Kind.SMS : SecondFactor.Kind.EMAIL, where.value());
                return r.redirect("/security/two-factor/" + kind + "/confirmation");
            } catch (ApiException e) {
                if ("too_frequent".equals(e.problem().code())) {
                    return page(r, c, 429, kind + "Error", r.msg().code_wait(ProblemTexts.retrySeconds(e)));
                }
                if (r.refusal(e) != null) {
                    throw e;
                }
                return page(r, c, e.problem().status(), kind + "Error", r.errorText(e));
            }
        });
    }

    @GET
    @Path("two-factor/{kind: sms|email}/confirmation")
    public Response confirmPage(@PathParam("kind") String kind, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> r.render("factor-confirm", form("kind", kind,
                "label", "sms".equals(kind) ? r.factor().factor_sms() : r.factor().factor_email())));
    }

    @POST
    @Path("two-factor/{kind: sms|email}/confirmation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@PathParam("kind") String kind, @FormParam("csrf") String csrf, @FormParam("code") String code,
                            @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            try {
                String digits = code == null ? "" : code.replaceAll("\\s", "");
                if (!digits.matches("[0-9]{4,10}")) {
                    throw ApiException.invalidCode(401, "the code is wrong");
                }
                factors.confirmCodeFactor(c.account(), "sms".equals(kind) ? SecondFactor.Kind.SMS : SecondFactor.Kind.EMAIL,
                        digits);
                return r.redirect("/security/two-factor?done=on");
            } catch (ApiException e) {
                if ("no_enrolment".equals(e.problem().code())) {
                    return r.redirect("/security/two-factor");
                }
                if (r.refusal(e) != null) {
                    throw e;
                }
                return r.render("factor-confirm", e.problem().status(), form("kind", kind,
                        "label", "sms".equals(kind) ? r.factor().factor_sms() : r.factor().factor_email(),
                        "codeError", r.errorText(e)));
            }
        });
    }

    // ---- off, with a proof

    @POST
    @Path("two-factor/{kind: totp|sms|email}/off")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response disable(@PathParam("kind") String kind, @FormParam("csrf") String csrf,
                            @FormParam("method") String method, @FormParam("code") String code,
                            @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            SecondFactor.Kind k = switch (kind) {
                case "totp" -> SecondFactor.Kind.TOTP;
                case "sms" -> SecondFactor.Kind.SMS;
                default -> SecondFactor.Kind.EMAIL;
            };
            try {
                factors.disable(c.account(), k, proof(method, code), code.strip());
                return r.redirect("/security/two-factor?done=off");
            } catch (ApiException e) {
                if (r.refusal(e) != null) {
                    throw e;
                }
                return page(r, c, e.problem().status(), kind + "OffError", r.errorText(e));
            }
        });
    }

    /** The proof's method, or invalid_code when the form's method or code cannot be one. */
    private static LoginAttempted.Method proof(String method, String code) {
        LoginAttempted.Method m = proofMethod(method);
        if (m == null || code == null || !code.strip().matches("[0-9A-Za-z -]{1,20}")) {
            throw ApiException.invalidCode(401, "the code is wrong or already used");
        }
        return m;
    }

    // ---- new backup codes: shown once, with a download

    @POST
    @Path("backup-codes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response regenerate(@FormParam("csrf") String csrf, @FormParam("method") String method,
                               @FormParam("code") String code,
                               @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            try {
                List<String> codes = factors.regenerateBackupCodes(c.account(), proof(method, code), code.strip());
                return r.render("backup-codes", form("codes", codes, "regenerated", true));
            } catch (ApiException e) {
                if (r.refusal(e) != null) {
                    throw e;
                }
                return page(r, c, e.problem().status(), "backupError", r.errorText(e));
            }
        });
    }

    /**
     * The codes just shown, as a text file: the page posts them back (they are kept nowhere readable), and only
     * codes of the backup codes' form are written.
     */
    @POST
    @Path("backup-codes/download")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public Response download(@FormParam("csrf") String csrf, @FormParam("code") List<String> codes,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            StringBuilder text = new StringBuilder(r.factor().backup_file_header(
                    c.account().email != null ? c.account().email : c.account().phone)).append("\r\n\r\n");
            int n = 0;
            for (String code : codes == null ? List.<String>of() : codes) {
                if (code != null && code.matches(BACKUP_CODE_FORM) && n < 20) {
                    text.append(code).append("\r\n");
                    n++;
                }
            }
            return Response.ok(text.toString().getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"loginguard-backup-codes.txt\"").build();
        });
    }
}
