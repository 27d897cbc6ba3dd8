package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PageData.form;

import io.loginguard.auth.reset.PasswordResets;
import io.loginguard.auth.verification.VerificationCode;
import io.loginguard.auth.web.ApiException;
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
import java.util.function.Function;
import io.loginguard.events.LoginAttempted;

/**
 * The page the emailed link opens: a new password, and the second factor when the account has one (the methods of
 * its factors; for an SMS or email factor, a button that sends a code).
 */
@Path("/reset-password")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class ResetPasswordPages {
    private static final List<LoginAttempted.Method> METHODS = List.of(LoginAttempted.Method.TOTP,
            LoginAttempted.Method.BACKUP_CODE, LoginAttempted.Method.SMS_CODE, LoginAttempted.Method.EMAIL_CODE);

    private final PageSupport pages;
    private final PasswordResets resets;

    public ResetPasswordPages(PageSupport pages, PasswordResets resets) {
        this.pages = pages;
        this.resets = resets;
    }

    @GET
    public Response resetPage(@QueryParam("token") String token, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!wellFormed(token)) {
            return invalid(r);
        }
        return r.render("reset", form("token", token));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@FormParam("csrf") String csrf, @FormParam("token") String token,
                          @FormParam("password") String password, @FormParam("method") String method,
                          @FormParam("code") String code,
                          @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return linkForm(headers, http, csrf, token, r -> {
            boolean withCode = code != null && !code.isBlank();
            try {
                if (password == null || password.length() > 128) {
                    throw new ApiException(io.loginguard.auth.web.Problem.invalid("password_length",
                            "the password must be 8 to 128 characters", List.of()));
                }
                LoginAttempted.Method m = null;
                if (withCode) {
                    m = METHODS.stream().filter(x -> x.name().equals(method)).findFirst().orElseThrow(() ->
                            new ApiException(io.loginguard.auth.web.Problem.of(400, "method_not_available",
                                    "Method not available", "no such method")));
                    if (!code.trim().matches(AuthPages.CODE)) {
                        throw ApiException.invalidCode(401, "the code is wrong");
                    }
                }
                resets.complete(token, password, m, withCode ? code.trim() : null);
                return r.redirect("/login?reset=1");
            } catch (ApiException e) {
                if (linkDead(e)) {
                    return invalid(r);
                }
                if ("second_factor_required".equals(e.problem().code())) {
                    return codeForm(r, 403, token, null, null, null, null, 0);
                }
                Response refused = r.refusal(e);
                return refused != null ? refused : withCode
                        ? codeForm(r, e.problem().status(), token, method, null, r.errorText(e), null, 0)
                        : r.render("reset", e.problem().status(), form("token", token, "error", r.errorText(e)));
            }
        });
    }

    @POST
    @Path("codes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sendCode(@FormParam("csrf") String csrf, @FormParam("token") String token,
                             @FormParam("channel") String channel,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return linkForm(headers, http, csrf, token, r -> {
            String ch = "SMS".equals(channel) ? "SMS" : "EMAIL";
            String method = ch + "_CODE";
            try {
                resets.sendCode(token, VerificationCode.Channel.valueOf(ch));
                return codeForm(r, 200, token, method, r.msg().code_sent(), null, ch, r.resendSeconds());
            } catch (ApiException e) {
                if (linkDead(e)) {
                    return invalid(r);
                }
                if ("too_frequent".equals(e.problem().code())) {
                    // asked again too soon (a page without JavaScript, or a second tab): the wait, counted down
                    long wait = ProblemTexts.retrySeconds(e);
                    Response page = codeForm(r, 429, token, method, null, r.msg().code_wait(wait), ch, wait);
                    return Response.fromResponse(page).header("Retry-After", wait).build();
                }
                Response refused = r.refusal(e);
                return refused != null ? refused
                        : codeForm(r, e.problem().status(), token, method, null, r.errorText(e), null, 0);
            }
        });
    }

    /**
     * The form with the second factor: the link's account's methods ({@code method} chosen), a notice or an error,
     * and the countdown of the channel a code was just sent to ({@code waitChannel}, {@code wait} seconds).
     */
    private Response codeForm(PageSupport.Req r, int status, String token, String method, String notice, String error,
                              String waitChannel, long wait) {
        List<MethodOption> methods = MethodOption.options(r.msg(), resets.methodsFor(token), null, null, waitChannel, wait);
        return r.render("reset", status, form("token", token, "needCode", true, "methods", methods,
                "method", method == null ? "" : method, "notice", notice, "error", error));
    }

    /** A form of the link: its CSRF token checked and its link token well formed first, else their refusal. */
    private Response linkForm(HttpHeaders headers, HttpServerRequest http, String csrf, String token,
                              Function<PageSupport.Req, Response> body) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        return wellFormed(token) ? body.apply(r) : invalid(r);
    }

    private static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{20,100}");
    }

    private static boolean linkDead(ApiException e) {
        return "invalid_token".equals(e.problem().code()) || "token_expired".equals(e.problem().code());
    }

    private static Response invalid(PageSupport.Req r) {
        return r.render("reset", 400, form("invalid", true));
    }
}
