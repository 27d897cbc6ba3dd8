package io.loginguard.auth.reset;

import io.loginguard.auth.account.Identifier;
import io.loginguard.auth.login.SessionResource;
import io.loginguard.events.LoginAttempted;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/password-resets")
@Tag(name = "password resets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResetResource {
    private final PasswordResets resets;

    public PasswordResetResource(PasswordResets resets) {
        this.resets = resets;
    }

    public record ResetRequest(@Email @Size(max = 254) String email, @Size(max = 20) String phone) {
    }

    public record NewPassword(@NotBlank @Size(max = 128) String password, LoginAttempted.Method method,
                              @Size(max = 20) @Pattern(regexp = "[0-9A-Za-z -]*") String code) {
    }

    @POST
    @Operation(summary = "Forgot password: a reset link (valid 1 hour) to the account's email or phone",
            description = "Always 202, whether or not the identifier is registered.")
    @APIResponse(responseCode = "202", description = "A link is on its way if the account exists")
    public Response request(@Valid @NotNull ResetRequest request) {
        resets.request(Identifier.of(request.email(), request.phone()));
        return Response.accepted(Map.of("status", "reset_link_sent_if_registered")).build();
    }

    @POST
    @Path("/{token}")
    @Operation(summary = "Set a new password with the link's token (and a second factor's code if one is enabled)",
            description = "Single use; every session ends; withdrawals may be held for a while.")
    @APIResponse(responseCode = "204", description = "The password is changed")
    @APIResponse(responseCode = "400", description = "invalid_token, token_expired, or a weak password")
    @APIResponse(responseCode = "403", description = "second_factor_required: send method and code")
    public Response complete(@PathParam("token") String token, @Valid @NotNull NewPassword request) {
        resets.complete(token, request.password(), request.method(), request.code());
        return Response.noContent().build();
    }

    @POST
    @Path("/{token}/codes")
    @Operation(summary = "Send a code of the account's SMS or email second factor, to complete the reset with it",
            description = "As at login: at most one a minute and 5 an hour per destination.")
    @APIResponse(responseCode = "202", description = "The code is on its way")
    @APIResponse(responseCode = "400", description = "invalid_token, token_expired, or method_not_available")
    @APIResponse(responseCode = "429", description = "too_frequent, with Retry-After")
    public Response sendCode(@PathParam("token") String token, @Valid @NotNull SessionResource.CodeChannel request) {
        resets.sendCode(token, request.channel());
        return Response.accepted(Map.of("status", "code_sent")).build();
    }
}
