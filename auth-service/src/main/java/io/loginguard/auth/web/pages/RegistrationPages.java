package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PageData.enc;
import static io.loginguard.auth.web.pages.PageData.form;

import io.loginguard.auth.account.CodeRequest;
import io.loginguard.auth.account.RegistrationRequest;
import io.loginguard.auth.account.RegistrationService;
import io.loginguard.auth.account.VerificationRequest;
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

/** Registering: the form with the password rule, then the emailed code (and asking for it again). */
@Path("/")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class RegistrationPages {
    private final PageSupport pages;
    private final RegistrationService registration;

    public RegistrationPages(PageSupport pages, RegistrationService registration) {
        this.pages = pages;
        this.registration = registration;
    }

    @GET
    @Path("register")
    public Response registerPage(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.request(headers, http).render("register", Map.of());
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(@FormParam("csrf") String csrf, @FormParam("email") String email,
                             @FormParam("password") String password,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        try {
            if (email != null && email.length() > 254 || password == null || password.length() > 128) {
                throw new ApiException(io.loginguard.auth.web.Problem.invalid("password_length",
                        "the password must be 8 to 128 characters", List.of()));
            }
            registration.register(new RegistrationRequest(email, null, password, r.locale.getLanguage()));
            return r.redirect("/verify?email=" + enc(email.strip()));
        } catch (ApiException e) {
            Response refused = r.refusal(e);
            return refused != null ? refused : r.render("register", 400, form("email", email, "error", r.errorText(e)));
        }
    }

    @GET
    @Path("verify")
    public Response verifyPage(@QueryParam("email") String email, @QueryParam("resent") String resent,
                               @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        return r.render("verify", form("email", email, "notice", resent == null ? null : r.login().verify_resent()));
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@FormParam("csrf") String csrf, @FormParam("email") String email, @FormParam("code") String code,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        try {
            String digits = code == null ? "" : code.replaceAll("\\s", "");
            if (!digits.matches("[0-9]{4,10}")) {
                throw io.loginguard.auth.web.ApiException.invalidCode(400, "the code is 6 digits");
            }
            registration.verify(new VerificationRequest(email, null, digits));
            return r.redirect("/login?verified=1");
        } catch (ApiException e) {
            Response refused = r.refusal(e);
            return refused != null ? refused : r.render("verify", 400, form("email", email, "error", r.errorText(e)));
        }
    }

    @POST
    @Path("verify/code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resend(@FormParam("csrf") String csrf, @FormParam("email") String email,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        try {
            registration.resend(new CodeRequest(email, null));
            return r.redirect("/verify?resent=1&email=" + enc(email.strip()));
        } catch (ApiException e) {
            Response refused = r.refusal(e);
            return refused != null ? refused : r.render("verify", 400, form("email", email, "error", r.errorText(e)));
        }
    }
}
