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
import io.loginguard.auth.account.Identifier;

/** Forgot password: the same answer for every address, a link to the registered one. */
@Path("/forgot-password")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class ForgotPasswordPages {
    private final PageSupport pages;
    private final PasswordResets resets;

    public ForgotPasswordPages(PageSupport pages, PasswordResets resets) {
        this.pages = pages;
        this.resets = resets;
    }

    @GET
    public Response forgotPage(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.request(headers, http).render("forgot", Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response forgot(@FormParam("csrf") String csrf, @FormParam("email") String email,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        try {
            if (email != null && email.length() > 254) {
                throw new ApiException(io.loginguard.auth.web.Problem.invalid("invalid_field", "email too long", List.of()));
            }
            resets.request(Identifier.of(email, null));
            return r.render("forgot", form("notice", r.login().forgot_sent()));
        } catch (ApiException e) {
            Response refused = r.refusal(e);
            return refused != null ? refused : r.render("forgot", 400, form("email", email, "error", r.errorText(e)));
        }
    }
}
