package io.loginguard.auth.me;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.login.ClientAddress;
import io.loginguard.auth.login.ClientInfo;
import io.loginguard.auth.login.LoginHistory;
import io.loginguard.auth.session.SessionStore;
import io.loginguard.auth.session.Sessions;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.SecurityEvent;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The logged-in person's sessions, login history, freeze and anti-phishing code. Bearer session token. */
@Path("/api/v1/me")
@Tag(name = "me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    private final CurrentAccount current;
    private final SessionStore store;
    private final Sessions sessions;
    private final LoginHistory history;
    private final AccountSecurity security;
    private final SecurityQuestions securityQuestions;
    private final ClientAddress clientAddress;

    public MeResource(CurrentAccount current, SessionStore store, Sessions sessions, LoginHistory history,
                      AccountSecurity security, SecurityQuestions securityQuestions, ClientAddress clientAddress) {
        this.securityQuestions = securityQuestions;
        this.clientAddress = clientAddress;
        this.current = current;
        this.store = store;
        this.sessions = sessions;
        this.history = history;
        this.security = security;
    }

    public record SessionInfo(String id, boolean current, String deviceId, String userAgent, String ip, String country,
                              Instant startedAt, Instant lastSeen, Instant expiresAt) {
    }

    public record FreezeRequest(@Size(max = 128) String password, LoginAttempted.Method method,
                                @Size(max = 20) String code) {
    }

    public record SecurityQuestionsRequest(@Size(max = 128) String password,
                                           @NotNull @Size(max = 10) List<SecurityQuestions.QuestionAndAnswer> questions) {
    }

    public record SecurityQuestionList(List<String> questions) {
    }

    public record PasswordProof(@NotNull @Size(max = 128) String password) {
    }

    public record PasswordChange(@NotNull @Size(max = 128) String currentPassword,
                                 @NotNull @Size(max = 128) String newPassword) {
    }

    public record AntiPhishingCode(@NotNull @Pattern(regexp = "[\\p{L}\\p{N}]{4,20}",
            message = "must be 4 to 20 letters or digits") String code) {
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "This account's device sessions (at most 3), which one is this")
    public List<SessionInfo> sessions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        CurrentAccount.Caller caller = current.caller(authorization);
        String mine = caller.sessionId();
        return store.list(caller.account().id).stream().map(s -> new SessionInfo(s.id(), s.id().equals(mine), s.deviceId(),
                s.userAgent(), s.ip(), s.country(), s.startedAt(), s.lastSeen(), s.expiresAt())).toList();
    }

    @DELETE
    @Path("/sessions/{id}")
    @Operation(summary = "Sign out one session")
    public Response endSession(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                               @Context HttpServerRequest http) {
        Account a = current.of(authorization);
        if (!sessions.end(a.id, id, SecurityEvent.SessionEndReason.LOGOUT, client(http))) {
            throw new ApiException(Problem.of(404, "session_not_found", "No such session", "no live session has this id"));
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("/sessions")
    @Operation(summary = "Sign out every other session (scope=others)")
    public Response endOthers(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @QueryParam("scope") String scope, @Context HttpServerRequest http) {
        if (!"others".equals(scope)) {
            throw new ApiException(Problem.invalid("invalid_field", "scope must be 'others'",
                    List.of(new Problem.FieldError("scope", "must be 'others'"))));
        }
        CurrentAccount.Caller caller = current.caller(authorization);
        sessions.endAllBut(caller.account().id, caller.sessionId(), SecurityEvent.SessionEndReason.LOGOUT, client(http));
        return Response.noContent().build();
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Sign out this session")
    public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context HttpServerRequest http) {
        CurrentAccount.Caller caller = current.caller(authorization);
        sessions.end(caller.account().id, caller.sessionId(), SecurityEvent.SessionEndReason.LOGOUT, client(http));
        return Response.noContent().build();
    }

    @GET
    @Path("/login-history")
    @Operation(summary = "The last 100 attempts on this account: time, stage, outcome, method, IP, country, device")
    public List<LoginHistory.Entry> loginHistory(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return history.of(current.of(authorization).id);
    }

    @POST
    @Path("/freeze")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Freeze (disable) this account, with the password or a second factor; every session ends",
            description = "A frozen account answers every login 403 account_frozen; it is reactivated through a case.")
    public Response freeze(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Valid @NotNull FreezeRequest request, @Context HttpServerRequest http) {
        Account a = current.of(authorization);
        security.freeze(a, new AccountSecurity.Proof(request.password(), request.method(), request.code()), client(http));
        return Response.noContent().build();
    }

    @PUT
    @Path("/security-questions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set 2 or 3 security questions (the password is needed); used when a frozen account is reactivated",
            description = "Answers are compared normalised (case, accents' compatibility forms and spacing do not matter) "
                    + "and kept only as Argon2id hashes. 400 naming the field, 401 invalid_credentials, 429.")
    public Response setSecurityQuestions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                         @Valid @NotNull SecurityQuestionsRequest request) {
        securityQuestions.set(current.of(authorization), request.password(), request.questions());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/security-questions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove the security questions (the password is needed)",
            description = "204; 401 invalid_credentials; 404 no_security_questions when there are none; 429.")
    public Response removeSecurityQuestions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                            @Valid @NotNull PasswordProof request) {
        securityQuestions.remove(current.of(authorization), request.password());
        return Response.noContent().build();
    }

    @GET
    @Path("/security-questions")
    @Operation(summary = "This account's security questions (never the answers)")
    public SecurityQuestionList securityQuestions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return new SecurityQuestionList(securityQuestions.questionsOf(current.of(authorization)));
    }

    @PUT
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the password (the current one is needed); every other session ends",
            description = "400 with the password rule's code for a weak new password, 401 invalid_credentials for a "
                    + "wrong current one, 429 too_frequent after repeated tries.")
    public Response changePassword(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                   @Valid @NotNull PasswordChange request, @Context HttpServerRequest http) {
        CurrentAccount.Caller caller = current.caller(authorization);
        security.changePassword(caller.account(), caller.sessionId(), request.currentPassword(),
                request.newPassword(), client(http));
        return Response.noContent().build();
    }

    @PUT
    @Path("/anti-phishing-code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the phrase every genuine email from us shows at its top")
    public Response antiPhishingCode(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                     @Valid @NotNull AntiPhishingCode request) {
        security.setAntiPhishingCode(current.of(authorization), request.code());
        return Response.noContent().build();
    }

    private ClientInfo client(HttpServerRequest http) {
        return clientAddress.of(http);
    }
}
