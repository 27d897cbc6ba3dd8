package io.loginguard.auth.me;

import io.loginguard.auth.passkey.PasskeyAssertions;
import io.loginguard.auth.passkey.PasskeyRegistration;
import io.loginguard.auth.passkey.Passkeys;
import io.loginguard.events.LoginAttempted;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The logged-in person's passkeys: register one, list them, remove one (with a proof). Bearer session token. */
@Path("/api/v1/me/passkeys")
@Tag(name = "me")
@Produces(MediaType.APPLICATION_JSON)
public class PasskeyResource {
    private final CurrentAccount current;
    private final PasskeyRegistration registration;
    private final Passkeys passkeys;

    public PasskeyResource(CurrentAccount current, PasskeyRegistration registration, Passkeys passkeys) {
        this.current = current;
        this.registration = registration;
        this.passkeys = passkeys;
    }

    public record Listing(List<Passkeys.View> passkeys) {
    }

    /**
     * The proof a removal needs: {@code {"method":"PASSKEY","passkey":{assertion}}} (from the proof options), or
     * another factor's method and code, e.g. {@code {"method":"TOTP","code":"123456"}}.
     */
    public record Removal(@NotNull LoginAttempted.Method method,
                          @Size(max = 20) @Pattern(regexp = "[0-9A-Za-z -]*") String code,
                          PasskeyAssertions.Assertion passkey) {
    }

    @POST
    @Path("/registration-options")
    @Operation(summary = "Options for navigator.credentials.create(): a single-use challenge (5 minutes), the relying "
            + "party, the user handle, the passkeys already registered (excluded)")
    public Map<String, Object> registrationOptions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return registration.options(current.of(authorization));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a passkey: the attestation from navigator.credentials.create() (base64url fields "
            + "id, clientDataJSON, attestationObject, transports) and a name")
    public Response register(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @NotNull PasskeyRegistration.NewPasskey body) {
        return Response.status(201).entity(registration.register(current.of(authorization), body)).build();
    }

    @GET
    @Operation(summary = "The account's passkeys: id, name, created, last used, transports")
    public Listing list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return new Listing(passkeys.list(current.of(authorization).id));
    }

    @POST
    @Path("/proof-options")
    @Operation(summary = "Options for navigator.credentials.get() to prove a removal with one of the account's "
            + "passkeys: a single-use challenge good for that proof only")
    public Map<String, Object> proofOptions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return passkeys.proofOptions(current.of(authorization));
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove a passkey, with a fresh second-factor proof (a passkey's assertion or another "
            + "factor's code); the last second factor stays while the policy requires one")
    public Response remove(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") UUID id,
                           @Valid @NotNull Removal proof) {
        passkeys.remove(current.of(authorization), id,
                new Passkeys.Proof(proof.method(), proof.code() == null ? null : proof.code().strip(), proof.passkey()));
        return Response.noContent().build();
    }
}
