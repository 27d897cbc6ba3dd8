package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PageData.form;

import io.loginguard.auth.login.ChallengeStore;
import io.loginguard.auth.login.PasskeyLogin;
import io.loginguard.auth.login.SecondStep;
import io.loginguard.auth.passkey.PasskeyAssertions;
import io.loginguard.auth.web.ApiException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * Getting in with a passkey: "Sign in with a passkey" on the login page, and a passkey as the second step
 * (passkeys.js asks for the options and posts the assertion; the rest of getting in: {@link AuthPages}).
 */
@Path("/")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class PasskeyLoginPages {
    private final PageSupport pages;
    private final PasskeyLogin passkeyLogin;
    private final SecondStep secondStep;
    private final ChallengeStore challenges;

    public PasskeyLoginPages(PageSupport pages, PasskeyLogin passkeyLogin, SecondStep secondStep, ChallengeStore challenges) {
        this.pages = pages;
        this.passkeyLogin = passkeyLogin;
        this.secondStep = secondStep;
        this.challenges = challenges;
    }

    /** Options for navigator.credentials.get() at a passwordless login (passkeys.js asks with the CSRF token). */
    @POST
    @Path("login/passkey/options")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response passkeyLoginOptions(@FormParam("csrf") String csrf, @Context HttpHeaders headers,
                                        @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        return Response.ok(passkeyLogin.options()).type(MediaType.APPLICATION_JSON).build();
    }

    /** "Sign in with a passkey": the assertion passkeys.js put into the form. */
    @POST
    @Path("login/passkey")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response passkeyLogin(@FormParam("csrf") String csrf, @FormParam("id") String id,
                                 @FormParam("clientDataJSON") String clientDataJSON,
                                 @FormParam("authenticatorData") String authenticatorData,
                                 @FormParam("signature") String signature, @FormParam("userHandle") String userHandle,
                                 @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        try {
            return AuthPages.signedIn(r, passkeyLogin.login(new PasskeyAssertions.Assertion(id, clientDataJSON, authenticatorData,
                    signature, userHandle), r.client()));
        } catch (ApiException e) {
            Response refused = r.refusal(e);
            return refused != null ? refused
                    : r.render("login", e.problem().status(), form("error", r.msg().passkeys_refused()));
        }
    }

    /** Options for navigator.credentials.get() at the second step: the account's passkeys, bound to this login. */
    @POST
    @Path("login/second-factor/passkey/options")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response secondFactorPasskeyOptions(@FormParam("csrf") String csrf, @Context HttpHeaders headers,
                                               @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        Optional<ChallengeStore.Challenge> c = AuthPages.challenge(r, challenges);
        if (c.isEmpty()) {
            return Response.status(401).type(MediaType.APPLICATION_JSON).entity(Map.of("code", "invalid_challenge")).build();
        }
        try {
            return Response.ok(secondStep.passkeyOptions(c.get().id())).type(MediaType.APPLICATION_JSON).build();
        } catch (ApiException e) {
            return e.toResponse();
        }
    }

    /** The second step with a passkey: the assertion passkeys.js put into the form. */
    @POST
    @Path("login/second-factor/passkey")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response secondFactorPasskey(@FormParam("csrf") String csrf, @FormParam("id") String id,
                                        @FormParam("clientDataJSON") String clientDataJSON,
                                        @FormParam("authenticatorData") String authenticatorData,
                                        @FormParam("signature") String signature, @FormParam("userHandle") String userHandle,
                                        @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        Optional<ChallengeStore.Challenge> c = AuthPages.challenge(r, challenges);
        if (c.isEmpty()) {
            r.clearCookie(PageSupport.CHALLENGE);
            return r.redirect("/login?expired=1");
        }
        try {
            return AuthPages.signedIn(r, secondStep.verifyPasskey(c.get().id(), new PasskeyAssertions.Assertion(id, clientDataJSON,
                    authenticatorData, signature, userHandle)));
        } catch (ApiException e) {
            if ("invalid_challenge".equals(e.problem().code())) {
                r.clearCookie(PageSupport.CHALLENGE);
                return r.redirect("/login?expired=1");
            }
            Response refused = r.refusal(e);
            return refused != null ? refused : r.render("second-factor", e.problem().status(),
                    MethodOption.pageData(r, c.get(), null, r.msg().passkeys_refused(), "PASSKEY", null, 0));
        }
    }
}
