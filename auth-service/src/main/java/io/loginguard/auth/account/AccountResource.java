package io.loginguard.auth.account;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
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
    @Operation(summary = "Register with email and password",
            description = "Password: 8 to 128 characters with an upper-case letter, a lower-case letter and a digit.")
    @APIResponse(responseCode = "201", description = "Account created")
    @APIResponse(responseCode = "400", description = "Invalid field or weak password (problem details)")
    @APIResponse(responseCode = "409", description = "Email already registered")
    public Response register(@Valid @NotNull RegistrationRequest request) {
        AccountView account = registration.register(request);
        return Response.created(URI.create("/api/v1/accounts/" + account.id())).entity(account).build();
    }
}
