package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PageData.enc;
import static io.loginguard.auth.web.pages.PageData.form;

import io.loginguard.auth.login.ChallengeStore;
import io.loginguard.auth.login.ChallengeView;
import io.loginguard.auth.login.LoginRequest;
import io.loginguard.auth.login.LoginResult;
import io.loginguard.auth.login.LoginService;
import io.loginguard.auth.login.SecondStep;
import io.loginguard.auth.login.SessionView;
import io.loginguard.auth.session.Sessions;
import io.loginguard.auth.verification.VerificationCode;
import io.loginguard.auth.web.ApiException;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.SecurityEvent;
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
import java.util.Optional;

/**
 * The pages of getting in: log in with its second step, sign out (registering: {@link RegistrationPages}; with a
 * passkey: {@link PasskeyLoginPages}; forgot and reset the password: {@link ForgotPasswordPages}, {@link ResetPasswordPages}). Plain forms posting here; each calls the service the JSON API calls.
 */
@Path("/")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class AuthPages {
    static final String CODE = "[0-9A-Za-z -]{1,20}";

    private final PageSupport pages;
    private final LoginService login;
    private final SecondStep secondStep;
    private final ChallengeStore challenges;
    private final Sessions sessions;

    public AuthPages(PageSupport pages, LoginService login, SecondStep secondStep,
                     ChallengeStore challenges, Sessions sessions) {
        this.pages = pages;
        this.login = login;
        this.secondStep = secondStep;
        this.challenges = challenges;
        this.sessions = sessions;
    }

    @GET
    public Response home(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        return r.redirect(r.caller().isPresent() ? "/security" : "/login");
    }

    @GET
    @Path("lang")
    public Response language(@QueryParam("to") String to, @QueryParam("back") String back,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        r.setCookie(PageSupport.LANG, "zh".equals(to) ? "zh" : "en", 365L * 24 * 3600);
        return r.redirect(PageSupport.localPath(back));
    }

    // ---- log in, second step, log out

    @GET
    @Path("login")
    public Response loginPage(@QueryParam("verified") String verified, @QueryParam("expired") String expired,
                              @QueryParam("reset") String reset, @QueryParam("out") String out,
                              @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        LoginMessages m = r.login();
        String notice = verified != null ? m.login_verified() : reset != null ? m.login_reset_done()
                : out != null ? m.login_signed_out() : null;
        return r.render("login", form("notice", notice, "error", expired == null ? null : m.login_expired()));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("csrf") String csrf, @FormParam("email") String email,
                          @FormParam("password") String password,
                          @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        try {
            if (password == null || password.isEmpty() || password.length() > 128 || email != null && email.length() > 254) {
                throw new ApiException(io.loginguard.auth.web.Problem.of(401, "invalid_credentials", "Invalid credentials",
                        "the email or the password is wrong"));
            }
            // one field for the identifier: a number in international form (+...) is a phone, anything else an email
            boolean phone = email != null && email.strip().matches("\\+[0-9 ()-]{6,24}");
            LoginResult result = login.login(phone ? new LoginRequest(null, email.strip(), password)
                    : new LoginRequest(email, null, password), r.client());
            return signedIn(r, result);
        } catch (ApiException e) {
            if ("verification_required".equals(e.problem().code()) && email != null && email.contains("@")) {
                return r.redirect("/verify?email=" + enc(email.strip()));
            }
            Response refused = r.refusal(e);
            return refused != null ? refused
                    : r.render("login", e.problem().status(), form("email", email, "error", r.errorText(e)));
        }
    }

    /** A first or second step done: on to the second step, or signed in. */
    static Response signedIn(PageSupport.Req r, LoginResult result) {
        if (result instanceof ChallengeView c) {
            r.setCookie(PageSupport.CHALLENGE, c.challengeId(), 600);
            return r.redirect("/login/second-factor");
        }
        SessionView s = (SessionView) result;
        r.setCookie(PageSupport.SESSION, s.token(), -1);
        r.clearCookie(PageSupport.CHALLENGE);
        return r.redirect("/security");
    }

    @GET
    @Path("login/second-factor")
    public Response secondFactorPage(@QueryParam("sent") String sent,
                                     @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        Optional<ChallengeStore.Challenge> c = challenge(r);
        if (c.isEmpty()) {
            return r.redirect("/login?expired=1");
        }
        String channel = "SMS".equals(sent) || "EMAIL".equals(sent) ? sent : null;
        return r.render("second-factor", MethodOption.pageData(r, c.get(), sent == null ? null : r.msg().code_sent(), null,
                null, channel, channel == null ? 0 : r.resendSeconds()));
    }

    private Optional<ChallengeStore.Challenge> challenge(PageSupport.Req r) {
        return challenge(r, challenges);
    }

    /** The login's pending second step, from its cookie. */
    static Optional<ChallengeStore.Challenge> challenge(PageSupport.Req r, ChallengeStore challenges) {
        String id = r.cookie(PageSupport.CHALLENGE);
        return id == null || id.length() > 128 ? Optional.empty() : challenges.find(id);
    }

    @POST
    @Path("login/second-factor")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response secondFactor(@FormParam("csrf") String csrf, @FormParam("method") String method,
                                 @FormParam("code") String code,
                                 @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        Optional<ChallengeStore.Challenge> c = challenge(r);
        if (c.isEmpty()) {
            r.clearCookie(PageSupport.CHALLENGE);
            return r.redirect("/login?expired=1");
        }
        try {
            LoginAttempted.Method m = c.get().methods().stream().filter(x -> x.name().equals(method)).findFirst()
                    .orElseThrow(() -> new ApiException(io.loginguard.auth.web.Problem.of(400, "method_not_available",
                            "Method not available", "no such method")));
            String trimmed = code == null ? "" : code.trim();
            if (!trimmed.matches(CODE)) {
                throw ApiException.invalidCode(401, "the code is wrong");
            }
            return signedIn(r, secondStep.verify(c.get().id(), m, trimmed));
        } catch (ApiException e) {
            if ("invalid_challenge".equals(e.problem().code())) {
                r.clearCookie(PageSupport.CHALLENGE);
                return r.redirect("/login?expired=1");
            }
            Response refused = r.refusal(e);
            return refused != null ? refused : r.render("second-factor", e.problem().status(),
                    MethodOption.pageData(r, c.get(), null, r.errorText(e), method, null, 0));
        }
    }

    /** The address "send me a code" posts to, asked for with GET (the language switch of its answer). */
    @GET
    @Path("login/second-factor/code")
    public Response sendCodeAddress() {
        return Response.seeOther(java.net.URI.create("/login/second-factor")).build();
    }

    @POST
    @Path("login/second-factor/code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sendCode(@FormParam("csrf") String csrf, @FormParam("channel") String channel,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        Optional<ChallengeStore.Challenge> c = challenge(r);
        if (c.isEmpty()) {
            return r.redirect("/login?expired=1");
        }
        String ch = "SMS".equals(channel) ? "SMS" : "EMAIL";
        String method = "SMS".equals(ch) ? "SMS_CODE" : "EMAIL_CODE";
        try {
            secondStep.sendCode(c.get().id(), "SMS".equals(ch) ? VerificationCode.Channel.SMS : VerificationCode.Channel.EMAIL);
            return r.redirect("/login/second-factor?sent=" + ch);
        } catch (ApiException e) {
            if ("too_frequent".equals(e.problem().code())) {
                // asked again too soon (a page without JavaScript, or a second tab): the wait beside the button
                long wait = ProblemTexts.retrySeconds(e);
                Response page = r.render("second-factor", 429, MethodOption.pageData(r, c.get(), null,
                        r.msg().code_wait(wait), method, ch, wait));
                return Response.fromResponse(page).header("Retry-After", wait).build();
            }
            if ("invalid_challenge".equals(e.problem().code())) {
                r.clearCookie(PageSupport.CHALLENGE);
                return r.redirect("/login?expired=1");
            }
            Response refused = r.refusal(e);
            return refused != null ? refused
                    : r.render("second-factor", e.problem().status(),
                    MethodOption.pageData(r, c.get(), null, r.errorText(e), method, null, 0));
        }
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@FormParam("csrf") String csrf, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused();
        }
        r.caller().ifPresent(c -> sessions.end(c.account().id, c.sessionId(), SecurityEvent.SessionEndReason.LOGOUT,
                r.client()));
        r.clearCookie(PageSupport.SESSION);
        return r.redirect("/login?out=1");
    }
}
