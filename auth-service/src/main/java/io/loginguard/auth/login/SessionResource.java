package io.loginguard.auth.login;

import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.verification.VerificationCode;
import io.loginguard.events.LoginAttempted;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sessions")
@Tag(name = "sessions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    private final LoginService login;
    private final SecondStep secondStep;
    private final ClientAddress clientAddress;

    private final PasskeyLogin passkeyLogin;

    public SessionResource(LoginService login, ClientAddress clientAddress, SecondStep secondStep, AuthConfig config,
                           PasskeyLogin passkeyLogin) {
        this.passkeyLogin = passkeyLogin;
        this.login = login;
        this.secondStep = secondStep;
        this.clientAddress = clientAddress;
    }

    @POST
    @Operation(summary = "Log in with email and password", description = "Every attempt is recorded on "
            + "auth.login-attempts before the answer. After 5 consecutive failures the account is locked for 30 "
            + "minutes: every attempt then answers 429 too_frequent without checking the password.")
    @APIResponse(responseCode = "201", description = "Logged in: a bearer session token")
    @APIResponse(responseCode = "400", description = "Invalid request (problem details)")
    @APIResponse(responseCode = "401", description = "invalid_credentials: wrong email or password")
    @APIResponse(responseCode = "429", description = "too_frequent: Operations too frequent",
            headers = @Header(name = "Retry-After", description = "seconds to wait"))
    @APIResponse(responseCode = "403", description = "account_frozen: the account is frozen")
    @APIResponse(responseCode = "503", description = "risk_unavailable: security checks not answering; "
            + "unavailable: the attempt could not be recorded",
            headers = @Header(name = "Retry-After", description = "seconds to wait"))
    public Response login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) {
        LoginResult result = login.login(request, client(http));
        return Response.status(result instanceof SessionView ? 201 : 200).entity(result).build();
    }

    private ClientInfo client(HttpServerRequest http) {
        return clientAddress.of(http);
    }

    @POST
    @Path("/passkey/options")
    @Operation(summary = "Passwordless login, first half: options for navigator.credentials.get() (a single-use "
            + "challenge, no allowCredentials: the browser offers the site's discoverable passkeys)")
    @Consumes(MediaType.WILDCARD)
    public java.util.Map<String, Object> passkeyOptions() {
        return passkeyLogin.options();
    }

    @POST
    @Path("/passkey")
    @Operation(summary = "Passwordless login: the assertion from navigator.credentials.get() (base64url fields id, "
            + "clientDataJSON, authenticatorData, signature, userHandle). Recorded on auth.login-attempts as stage "
            + "PASSWORD, method PASSKEY; a session once risk allows it")
    @APIResponse(responseCode = "201", description = "Logged in: a bearer session token")
    @APIResponse(responseCode = "401", description = "invalid_passkey: unknown passkey, wrong or used challenge, "
            + "bad signature, or a sign counter that did not grow")
    @APIResponse(responseCode = "429", description = "too_frequent: the account is locked")
    public Response passkeyLogin(@NotNull io.loginguard.auth.passkey.PasskeyAssertions.Assertion assertion,
                                 @Context HttpServerRequest http) {
        return Response.status(201).entity(passkeyLogin.login(assertion, client(http))).build();
    }

    @POST
    @Path("/challenges/{challengeId}/passkey/options")
    @Operation(summary = "Second step with a passkey, first half: options for navigator.credentials.get() with "
            + "the account's passkeys, bound to this login's challenge")
    @Consumes(MediaType.WILDCARD)
    public java.util.Map<String, Object> secondFactorPasskeyOptions(@PathParam("challengeId") String challengeId) {
        return secondStep.passkeyOptions(challengeId);
    }

    @POST
    @Path("/challenges/{challengeId}/passkey")
    @Operation(summary = "Second step with a passkey: the assertion; recorded as stage SECOND_FACTOR, method PASSKEY")
    @APIResponse(responseCode = "201", description = "Logged in: a bearer session token")
    @APIResponse(responseCode = "401", description = "invalid_passkey, or invalid_challenge")
    public Response secondFactorPasskey(@PathParam("challengeId") String challengeId,
                                        @NotNull io.loginguard.auth.passkey.PasskeyAssertions.Assertion assertion) {
        return Response.status(201).entity(secondStep.verifyPasskey(challengeId, assertion)).build();
    }

    /** The second step's body: a method of the challenge and its code. */
    public record SecondFactorRequest(@NotNull LoginAttempted.Method method,
                                      @NotBlank @Size(max = 20) @Pattern(regexp = "[0-9A-Za-z -]+") String code) {
    }

    public record CodeChannel(@NotNull VerificationCode.Channel channel) {
    }

    @POST
    @Path("/challenges/{challengeId}")
    @Operation(summary = "Second step: a code of one of the challenge's methods (TOTP, SMS_CODE, EMAIL_CODE, BACKUP_CODE)")
    @APIResponse(responseCode = "201", description = "Logged in: a bearer session token")
    @APIResponse(responseCode = "401", description = "invalid_code, or invalid_challenge (expired, used or unknown)")
    @APIResponse(responseCode = "429", description = "too_frequent: too many wrong codes, the account is locked")
    public Response secondFactor(@PathParam("challengeId") String challengeId, @Valid @NotNull SecondFactorRequest request) {
        return Response.status(201).entity(secondStep.verify(challengeId, request.method(), request.code().trim())).build();
    }

    @POST
    @Path("/challenges/{challengeId}/codes")
    @Operation(summary = "Send a login code by SMS or email to the account's proven destination")
    @APIResponse(responseCode = "202", description = "The code is on its way")
    @APIResponse(responseCode = "429", description = "too_frequent: once a minute, 5 an hour")
    public Response sendCode(@PathParam("challengeId") String challengeId, @Valid @NotNull CodeChannel request) {
        secondStep.sendCode(challengeId, request.channel());
        return Response.accepted().build();
    }
}
