package io.loginguard.auth.me;

import io.loginguard.auth.account.AccountView;
import io.loginguard.auth.account.SubAccounts;
import io.loginguard.auth.login.ClientInfo;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A master account's sub-accounts. Bearer session token of the master. */
@Path("/api/v1/me/sub-accounts")
@Tag(name = "me")
@Produces(MediaType.APPLICATION_JSON)
public class SubAccountResource {
    private final CurrentAccount current;
    private final SubAccounts subAccounts;

    public SubAccountResource(CurrentAccount current, SubAccounts subAccounts) {
        this.current = current;
        this.subAccounts = subAccounts;
    }

    public record NewSubAccount(@NotBlank @Email @Size(max = 254) String email,
                                @NotBlank @Size(max = 128) String password) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a sub-account with its own email and password",
            description = "201 with the sub-account (ACTIVE at once; it logs in on its own). 409 identifier_taken, "
                    + "409 sub_account_limit, 403 sub_account_not_allowed for a sub-account, 400 for a weak password.")
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Valid @NotNull NewSubAccount request) {
        AccountView created = subAccounts.create(current.of(authorization), request.email(), request.password());
        return Response.status(201).entity(created).build();
    }

    public record PolicyRequest(Integer lockoutThreshold, Integer lockMinutes) {
    }

    @GET
    @Path("/risk-policy")
    @Operation(summary = "The lockout numbers this account and its sub-accounts follow (null: the default)")
    public SubAccounts.RiskPolicy policy(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return subAccounts.policyOf(current.of(authorization));
    }

    @PUT
    @Path("/risk-policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A master sets stricter lockout numbers for itself and every sub-account",
            description = "lockoutThreshold 1 to the default (5), lockMinutes 1 to 1440 (risk applies a lock only where "
                    + "longer than its own, 30 min); null keeps the default. 403 sub_account_not_allowed for a sub-account.")
    public SubAccounts.RiskPolicy setPolicy(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                            @NotNull PolicyRequest request) {
        return subAccounts.setPolicy(current.of(authorization), request.lockoutThreshold(), request.lockMinutes());
    }

    @GET
    @Operation(summary = "This account's sub-accounts, oldest first")
    public List<AccountView> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return subAccounts.of(current.of(authorization));
    }

    @POST
    @Path("/{id}/freeze")
    @Operation(summary = "Freeze one of this account's sub-accounts; its sessions end")
    public Response freeze(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                           @Context HttpServerRequest http) {
        subAccounts.freeze(current.of(authorization), uuid(id), new ClientInfo(
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(),
                http.getHeader("X-Device-Id"), http.getHeader("User-Agent")));
        return Response.noContent().build();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(Problem.of(404, "sub_account_not_found", "No such sub-account",
                    "this account has no sub-account with this id"));
        }
    }
}
