package io.loginguard.auth.me;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Changing the account's phone number with codes to the new and the old number. Bearer session token. */
@Path("/api/v1/me/phone")
@Tag(name = "me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PhoneResource {
    private final CurrentAccount current;
    private final PhoneChange phoneChange;

    public PhoneResource(CurrentAccount current, PhoneChange phoneChange) {
        this.current = current;
        this.phoneChange = phoneChange;
    }

    public record NewPhone(@NotBlank @Size(max = 20) String phone) {
    }

    public record Confirmation(@NotBlank @Size(max = 12) String newNumberCode, @Size(max = 12) String oldNumberCode) {
    }

    @POST
    @Operation(summary = "Ask to change the phone number: a code to the new number, and one to the current number",
            description = "202. Without the current number, open a PHONE_CHANGE case with ticket-service instead. "
                    + "409 identifier_taken, 400 same_phone, 429 too_frequent.")
    public Response start(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Valid @NotNull NewPhone request) {
        return Response.accepted(phoneChange.start(current.of(authorization), request.phone())).build();
    }

    @POST
    @Path("/confirmation")
    @Operation(summary = "Confirm the change with both codes; the new number becomes the account's",
            description = "204. 400 invalid_code or code_expired naming which number's code, 400 old_code_required, "
                    + "404 no_phone_change.")
    public Response confirm(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @Valid @NotNull Confirmation request) {
        phoneChange.confirm(current.of(authorization), request.newNumberCode().trim(),
                request.oldNumberCode() == null ? null : request.oldNumberCode().trim());
        return Response.noContent().build();
    }
}
