package io.loginguard.risk.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** What risk knows about an account, for operators and support: read-only, straight from the stores. */
@Path("/api/v1/risk/accounts")
@ApplicationScoped
public class RiskAccountResource {
    private static final int MAX_KEY_LENGTH = 200;

    private final RiskAccountQuery query;

    public RiskAccountResource(RiskAccountQuery query) {
        this.query = query;
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "An account's risk state", description = "Counters, lock, source locks, known countries and "
            + "devices, holds and freeze, as of the last event risk applied to the account.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccountRiskView.class)))
    @APIResponse(responseCode = "307", description = "the account is held by another instance (Location)")
    @APIResponse(responseCode = "400", description = "not an account key (code invalid_account_id)")
    @APIResponse(responseCode = "404", description = "risk has seen nothing of this account (code unknown_account)")
    @APIResponse(responseCode = "503", description = "the stores are not queryable now, e.g. during a rebalance "
            + "(code risk_state_unavailable, Retry-After)")
    public Response account(@PathParam("id") String id) {
        if (id == null || id.isBlank() || id.length() > MAX_KEY_LENGTH) {
            return problem(Problem.of(400, "invalid_account_id", "Invalid account id",
                    "an account id is 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        try {
            var other = query.elsewhere(id);
            if (other.isPresent()) {
                return Response.temporaryRedirect(URI.create("http://" + other.get().host() + ":" + other.get().port()
                        + "/api/v1/risk/accounts/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20"))).build();
            }
            return query.find(id).map(view -> Response.ok(view, MediaType.APPLICATION_JSON).build())
                    .orElseGet(() -> problem(Problem.of(404, "unknown_account", "Unknown account",
                            "risk has no state for this account")));
        } catch (InvalidStateStoreException e) {
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "2")
                    .entity(Problem.of(503, "risk_state_unavailable", "Risk state unavailable",
                            "the risk stores are not queryable right now; try again shortly")).build();
        }
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
