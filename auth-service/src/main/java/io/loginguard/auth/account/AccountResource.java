package io.loginguard.auth.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/accounts")
@Tag(name = "accounts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    private final RegistrationService registration;

    public AccountResource(RegistrationService registration) {
        this.registration = registration;
    }

    @POST
    @Operation(summary = "Register with an email or a phone number, and a password",
            description = "Always 202, whether or not the identifier is registered: a new identifier gets a 6-digit "
                    + "code (valid 30 minutes), a registered one a notice instead. Password: 8 to 128 characters with "
                    + "an upper-case letter, a lower-case letter and a digit, not a common password, not the identifier.")
    @APIResponse(responseCode = "202", description = "Verification pending: confirm with the code we sent")
    @APIResponse(responseCode = "400", description = "Invalid field or weak password (problem details)")
    public Response register(@Valid @NotNull RegistrationRequest request) {
        return Response.accepted(registration.register(request)).build();
    }

    @POST
    @Path("/verification")
    @Operation(summary = "Prove the identifier with the code sent to it; the account becomes active")
    @APIResponse(responseCode = "200", description = "The account, now ACTIVE")
    @APIResponse(responseCode = "400", description = "invalid_code (wrong, used, burned after 5 wrong tries, or none) or code_expired")
    public AccountView verify(@Valid @NotNull VerificationRequest request) {
        return registration.verify(request);
    }

    @POST
    @Path("/verification/code")
    @Operation(summary = "Send a new code to an identifier whose registration is pending",
            description = "At most once a minute and 5 times an hour per identifier; the same answer for any identifier.")
    @APIResponse(responseCode = "202", description = "A code is on its way if the registration is pending")
    @APIResponse(responseCode = "429", description = "too_frequent, with Retry-After")
    public Response resend(@Valid @NotNull CodeRequest request) {
        return Response.accepted(registration.resend(request)).build();
    }
}
