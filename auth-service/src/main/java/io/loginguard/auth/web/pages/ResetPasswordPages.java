package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PageData.form;

import io.loginguard.auth.reset.PasswordResets;
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
import java.util.Map;
import io.loginguard.events.LoginAttempted;

/** The page the emailed link opens: a new password, and the second factor when the account has one. */
@Path("/reset-password")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class ResetPasswordPages {
    private final PageSupport pages;
    private final PasswordResets resets;

    public ResetPasswordPages(PageSupport pages, PasswordResets resets) {
        this.pages = pages;
        this.resets = resets;
    }

    @GET
    public Response resetPage(@QueryParam("token") String token, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (token == null || !token.matches("[A-Za-z0-9_-]{20,100}")) {
            return r.render("reset", 400, form("invalid", true));
        }
        return r.render("reset", form("token", token));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@FormParam("csrf") String csrf, @FormParam("token") String token,
                          @FormParam("password") String password, @FormParam("method") String method,
                          @FormParam("code") String code,
                          @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        if (token == null || !token.matches("[A-Za-z0-9_-]{20,100}")) {
            return r.render("reset", 400, form("invalid", true));
        }
        boolean withCode = code != null && !code.isBlank();
        try {
            if (password == null || password.length() > 128) {
                throw new ApiException(io.loginguard.auth.web.Problem.invalid("password_length",
                        "the password must be 8 to 128 characters", List.of()));
            }
            LoginAttempted.Method m = null;
            if (withCode) {
                m = "BACKUP_CODE".equals(method) ? LoginAttempted.Method.BACKUP_CODE : LoginAttempted.Method.TOTP;
                if (!code.trim().matches(AuthPages.CODE)) {
                    throw ApiException.invalidCode(401, "the code is wrong");
                }
            }
            resets.complete(token, password, m, withCode ? code.trim() : null);
            return r.redirect("/login?reset=1");
        } catch (ApiException e) {
            String c = e.problem().code();
            if ("invalid_token".equals(c) || "token_expired".equals(c)) {
                return r.render("reset", 400, form("invalid", true));
            }
            if ("second_factor_required".equals(c)) {
                return r.render("reset", 403, form("token", token, "needCode", true));
            }
            Response refused = r.refusal(e);
            return refused != null ? refused
                    : r.render("reset", e.problem().status(), form("token", token, "needCode", withCode, "error", r.errorText(e)));
        }
    }
}
