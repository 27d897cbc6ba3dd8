package io.loginguard.notification.sms;

import io.loginguard.notification.config.NotificationConfig;
import io.loginguard.notification.delivery.SendResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** SMS through the gateway; a 5xx, a timeout or a refused connection is transient, a 4xx is permanent. */
@ApplicationScoped
public class SmsSender {
    private final SmsGatewayClient gateway;
    private final String apiKey;

    public SmsSender(@RestClient SmsGatewayClient gateway, NotificationConfig config) {
        this.gateway = gateway;
        this.apiKey = config.sms().apiKey();
    }

    public SendResult send(String to, String text, UUID requestId) {
        try {
            SmsGatewayClient.SmsAccepted accepted = gateway.send(apiKey, requestId.toString(), new SmsGatewayClient.SmsSubmission(to, text));
            return SendResult.sent(accepted == null ? null : accepted.id());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String error = "SMS gateway answered " + status;
            return status >= 500 || status == 429 || status == 408 ? SendResult.transientFailure(error) : SendResult.permanentFailure(error);
        } catch (ProcessingException e) {
            return SendResult.transientFailure("SMS gateway unavailable: " + e.getMessage());
        }
    }

    /**
     * Whether the gateway already has the message of this request (an earlier send that died before its answer was
     * recorded). Empty if not; throws if the gateway cannot be asked now.
     */
    public Optional<String> sentBefore(UUID requestId) {
        try {
            List<SmsGatewayClient.SmsAccepted> found = gateway.findByKey(apiKey, requestId.toString());
            return found == null ? Optional.empty() : found.stream().map(SmsGatewayClient.SmsAccepted::id).findFirst();
        } catch (WebApplicationException | ProcessingException e) {
            throw new IllegalStateException("SMS gateway cannot be asked about request " + requestId + ": " + e.getMessage(), e);
        }
    }
}
