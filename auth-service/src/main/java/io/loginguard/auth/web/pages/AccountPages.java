package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PageData.form;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.factor.Factors;
import io.loginguard.auth.me.AccountSecurity;
import io.loginguard.auth.me.PhoneChange;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The signed-in person's account pages: the anti-phishing code, changing the
 * password and the phone number, freezing the account. Each calls the service its JSON API calls (MeResource,
 * PhoneResource); a refused field shows its problem beside it. Login history: {@link HistoryPages}.
 */
@Path("/security")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class AccountPages {
    private static final java.util.regex.Pattern ANTI_PHISHING = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]{4,20}");

    private final PageSupport pages;
    private final AccountSecurity security;
    private final PhoneChange phoneChange;
    private final Factors factors;
    private final AuthConfig config;

    public AccountPages(PageSupport pages, AccountSecurity security, PhoneChange phoneChange,
                        Factors factors, AuthConfig config) {
        this.pages = pages;
        this.security = security;
        this.phoneChange = phoneChange;
        this.factors = factors;
        this.config = config;
    }

    // ---- anti-phishing code

    @GET
    @Path("anti-phishing-code")
    public Response antiPhishingPage(@QueryParam("saved") String saved,
                                     @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> r.render("anti-phishing", form("current", c.account().antiPhishingCode,
                "notice", saved == null ? null : r.acct().antiphishing_saved())));
    }

    @POST
    @Path("anti-phishing-code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response antiPhishing(@FormParam("csrf") String csrf, @FormParam("code") String code,
                                 @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            String value = code == null ? "" : code.strip();
            if (!ANTI_PHISHING.matcher(value).matches()) {
                // the API's own rule (MeResource.AntiPhishingCode), answered beside the field
                return r.render("anti-phishing", 400, form("current", c.account().antiPhishingCode, "value", code,
                        "codeError", r.err().err_invalid_anti_phishing_code()));
            }
            security.setAntiPhishingCode(c.account(), value);
            return r.redirect("/security/anti-phishing-code?saved=1");
        });
    }

    // ---- change password

    @GET
    @Path("password")
    public Response passwordPage(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> r.render("password", Map.of()));
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response password(@FormParam("csrf") String csrf, @FormParam("currentPassword") String current,
                             @FormParam("newPassword") String next,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            try {
                if (current == null || current.isEmpty() || current.length() > 128) {
                    throw wrongCurrentPassword();
                }
                if (next == null || next.length() > 128) {
                    throw new ApiException(Problem.invalid("password_too_long", "the password must be 8 to 128 characters",
                            List.of(new Problem.FieldError("newPassword", "must be at most 128 characters", "password_too_long"))));
                }
                security.changePassword(c.account(), c.sessionId(), current, next, r.client());
                return r.redirect("/security?done=password");
            } catch (ApiException e) {
                if ("invalid_credentials".equals(e.problem().code())) {
                    return r.render("password", 401, form("currentPasswordError", r.err().err_current_password_wrong()));
                }
                if (e.problem().code().startsWith("password_")) {
                    return r.render("password", 400, r.beside(e, "newPassword"));
                }
                throw e;
            }
        });
    }

    private static ApiException wrongCurrentPassword() {
        return new ApiException(Problem.of(401, "invalid_credentials", "Invalid credentials", "the current password is wrong"));
    }

    // ---- change phone

    @GET
    @Path("phone")
    public Response phonePage(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> r.render("phone", phoneData(r, c.account().phone)));
    }

    private Map<String, Object> phoneData(PageSupport.Req r, String current) {
        return form("current", current, "lostHref", r.ticketUrl(config.pages().phoneChangePath()));
    }

    @POST
    @Path("phone")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response startPhone(@FormParam("csrf") String csrf, @FormParam("phone") String phone,
                               @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            try {
                if (phone == null || phone.isBlank() || phone.length() > 20) {
                    throw new ApiException(Problem.invalid("invalid_field", "invalid value for: phone",
                            List.of(new Problem.FieldError("phone", "must be a phone number in E.164 form"))));
                }
                PhoneChange.Started s = phoneChange.start(c.account(), phone.strip());
                return r.redirect("/security/phone/confirmation" + (s.codeSentToOldNumber() ? "?old=1" : ""));
            } catch (ApiException e) {
                if (r.refusal(e) != null) {
                    throw e;
                }
                Map<String, Object> data = phoneData(r, c.account().phone);
                data.putAll(r.beside(e, "phone"));
                data.put("value", phone);
                return r.render("phone", e.problem().status(), data);
            }
        });
    }

    @GET
    @Path("phone/confirmation")
    public Response phoneConfirmPage(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> r.render("phone-confirm", confirmData(r, c.account().phone)));
    }

    private Map<String, Object> confirmData(PageSupport.Req r, String current) {
        return form("old", current != null, "lostHref", r.ticketUrl(config.pages().phoneChangePath()));
    }

    @POST
    @Path("phone/confirmation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirmPhone(@FormParam("csrf") String csrf, @FormParam("newNumberCode") String newCode,
                                 @FormParam("oldNumberCode") String oldCode,
                                 @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            String fresh = newCode == null ? "" : newCode.strip();
            String old = oldCode == null || oldCode.isBlank() ? null : oldCode.strip();
            try {
                if (fresh.isEmpty() || fresh.length() > 12) {
                    throw ApiException.invalidCode(400, "the new number's code is wrong or used up");
                }
                if (old != null && old.length() > 12) {
                    throw ApiException.invalidCode(400, "the current number's code is wrong or used up");
                }
                phoneChange.confirm(c.account(), fresh, old);
                return r.redirect("/security?done=phone");
            } catch (ApiException e) {
                String code = e.problem().code();
                if ("no_phone_change".equals(code)) {
                    Map<String, Object> data = phoneData(r, c.account().phone);
                    data.put("phoneError", r.errorText(e));
                    return r.render("phone", 404, data);
                }
                if (r.refusal(e) != null) {
                    throw e;
                }
                // the API says whose code was wrong: "the current number's" or "the new number's"
                String detail = e.problem().detail() == null ? "" : e.problem().detail();
                String field = "old_code_required".equals(code) || detail.startsWith("the current") ? "oldNumberCode"
                        : "newNumberCode";
                Map<String, Object> data = confirmData(r, c.account().phone);
                data.put(field + "Error", r.errorText(e));
                return r.render("phone-confirm", e.problem().status(), data);
            }
        });
    }

    // ---- freeze: what it does, then the confirmation with a proof

    @GET
    @Path("freeze")
    public Response freezePage(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> r.render("freeze", Map.of()));
    }

    @GET
    @Path("freeze/confirmation")
    public Response freezeConfirmPage(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> r.render("freeze-confirm", freezeData(r, c)));
    }

    private Map<String, Object> freezeData(PageSupport.Req r, io.loginguard.auth.me.CurrentAccount.Caller c) {
        List<LoginAttempted.Method> methods = QuarkusTransaction.requiringNew().call(() -> factors.methodsOf(c.account().id))
                .stream().filter(x -> x == LoginAttempted.Method.TOTP || x == LoginAttempted.Method.BACKUP_CODE).toList();
        return form("methods", FactorPages.proofOptions(r.msg(), methods));
    }

    @POST
    @Path("freeze")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response freeze(@FormParam("csrf") String csrf, @FormParam("password") String password,
                           @FormParam("method") String method, @FormParam("code") String code,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            try {
                AccountSecurity.Proof proof;
                if (password != null && !password.isEmpty()) {
                    if (password.length() > 128) {
                        throw proofWrong();
                    }
                    proof = new AccountSecurity.Proof(password, null, null);
                } else if (code != null && !code.isBlank()) {
                    LoginAttempted.Method m = FactorPages.proofMethod(method);
                    if (m == null || code.length() > 20) {
                        throw proofWrong();
                    }
                    proof = new AccountSecurity.Proof(null, m, code.strip());
                } else {
                    Map<String, Object> data = freezeData(r, c);
                    data.put("passwordError", r.err().err_proof_missing());
                    return r.render("freeze-confirm", 400, data);
                }
                security.freeze(c.account(), proof, r.client());
            } catch (ApiException e) {
                if (!"invalid_credentials".equals(e.problem().code())) {
                    throw e;
                }
                Map<String, Object> data = freezeData(r, c);
                data.put(password != null && !password.isEmpty() ? "passwordError" : "codeError", r.err().err_proof_wrong());
                return r.render("freeze-confirm", 401, data);
            }
            r.clearCookie(PageSupport.SESSION);
            return r.message(200, r.acct().freeze_done_title(), r.acct().freeze_done_text(),
                    r.ticketUrl(config.pages().reactivationPath()), r.login().open_reactivation_case());
        });
    }

    private static ApiException proofWrong() {
        return new ApiException(Problem.of(401, "invalid_credentials", "Invalid credentials", "the password or the code is wrong"));
    }
}
