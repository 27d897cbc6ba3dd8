package io.loginguard.notification.sms;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The SMS provider's HTTP API ({@code quarkus.rest-client.sms-gateway.url}): {@code POST /messages} with JSON
 * {@code {destination, text}}, the API key in {@code X-Api-Key} and our request id in {@code Idempotency-Key} (a
 * repeated key is answered with the first message, never sent twice); {@code GET /messages?key=} finds a message by
 * that key, which is how a send interrupted by a crash is resolved.
 */
@RegisterRestClient(configKey = "sms-gateway")
@Path("/messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SmsGatewayClient {

    @POST
    SmsAccepted send(@HeaderParam("X-Api-Key") String apiKey, @HeaderParam("Idempotency-Key") String idempotencyKey,
                     SmsSubmission message);

    @GET
    List<SmsAccepted> findByKey(@HeaderParam("X-Api-Key") String apiKey, @QueryParam("key") String idempotencyKey);

    record SmsSubmission(String destination, String text) {
    }

    /** The gateway's record of a message; other fields it sends are ignored. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record SmsAccepted(String id, String destination, String status) {
    }
}
