package io.loginguard.auth.login;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends each {@link LoginAttempted} to {@code auth.login-attempts} and returns only once the broker has
 * acknowledged it (acks=all, idempotent producer): the HTTP answer never precedes the event. It waits at most the
 * publish timeout (the producer itself gives up after its delivery timeout), and while Kafka keeps failing the
 * circuit opens, so an outage answers at once instead of holding a thread per login.
 */
@ApplicationScoped
public class LoginAttemptPublisher {
    private final MutinyEmitter<byte[]> emitter;
    private final Duration timeout;
    private final Duration deliveryTimeout;

    public LoginAttemptPublisher(@Channel("auth-login-attempts") MutinyEmitter<byte[]> emitter,
                                 AuthConfig config) {
        this.emitter = emitter;
        this.timeout = config.login().publishTimeout();
        this.deliveryTimeout = Duration.ofMillis(ConfigProvider.getConfig()
                .getOptionalValue("mp.messaging.outgoing.auth-login-attempts.delivery.timeout.ms", Long.class)
                .orElse(120_000L));
    }

    /** The producer's delivery timeout: after a failed send, the latest the event could still be written. */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 2000, successThreshold = 1)
    public void publish(LoginAttempted attempt) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, attempt);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(attempt.key())
                .withHeaders(headers)
                .build();
        emitter.sendMessage(Message.of(EventJson.toBytes(attempt)).addMetadata(metadata)).await().atMost(timeout);
    }
}
