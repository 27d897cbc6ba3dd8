package io.loginguard.risk.query;

import io.loginguard.risk.config.IpThrottleSettings;
import io.loginguard.risk.config.RiskConfig;
import io.loginguard.risk.ipthrottle.IpAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** What risk knows about an address (IP throttling), for operators and support: read-only, from the IP store. */
@Path("/api/v1/risk/ips")
@ApplicationScoped
public class RiskIpResource {
    private final RiskAccountQuery query;
    private final IpThrottleSettings settings;

    public RiskIpResource(RiskAccountQuery query, RiskConfig config) {
        this.query = query;
        this.settings = config.toSettings().ipThrottle();
    }

    @GET
    @Path("/{ip}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "An address's throttle state", description = "Attempts and distinct accounts in the window, "
            + "and the throttle, as of the latest attempt from the address. IPv6 addresses are counted per prefix.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IpRiskView.class)))
    @APIResponse(responseCode = "307", description = "the address is held by another instance (Location)")
    @APIResponse(responseCode = "400", description = "not an IPv4 or IPv6 address (code invalid_ip)")
    @APIResponse(responseCode = "404", description = "risk holds nothing about this address (code unknown_ip)")
    @APIResponse(responseCode = "503", description = "the stores are not queryable now (code risk_state_unavailable, "
            + "Retry-After)")
    public Response ip(@PathParam("ip") String ip) {
        Optional<String> key = IpAddresses.key(ip, settings.ipv6PrefixLength());
        if (key.isEmpty()) {
            return problem(Problem.of(400, "invalid_ip", "Invalid IP address",
                    "expected an IPv4 address (203.0.113.7) or an IPv6 address (2001:db8::1)"));
        }
        try {
            var other = query.elsewhereIp(key.get());
            if (other.isPresent()) {
                return Response.temporaryRedirect(URI.create("http://" + other.get().host() + ":" + other.get().port()
                        + "/api/v1/risk/ips/" + URLEncoder.encode(ip.strip(), StandardCharsets.UTF_8))).build();
            }
            return query.findIp(key.get())
                    .map(w -> Response.ok(IpRiskView.of(w, settings), MediaType.APPLICATION_JSON).build())
                    .orElseGet(() -> problem(Problem.of(404, "unknown_ip", "Unknown IP address",
                            "risk holds nothing about this address (no attempt from it, or none for a long time)")));
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
