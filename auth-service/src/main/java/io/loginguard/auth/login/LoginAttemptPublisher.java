package io.loginguard.auth.login;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends each {@link LoginAttempted} to {@code auth.login-attempts} and returns only once the broker has
 * acknowledged it (acks=all, idempotent producer): the HTTP answer never precedes the event.
 */
@ApplicationScoped
public class LoginAttemptPublisher {
    private final MutinyEmitter<byte[]> emitter;

    public LoginAttemptPublisher(@Channel("auth-login-attempts") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public void publish(LoginAttempted attempt) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, attempt);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(attempt.key())
                .withHeaders(headers)
                .build();
        emitter.sendMessageAndAwait(Message.of(EventJson.toBytes(attempt)).addMetadata(metadata));
    }
}
