package io.loginguard.auth.login;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends each {@link LoginAttempted} to {@code auth.login-attempts} and returns only once the broker has
 * acknowledged it (acks=all, idempotent producer): the HTTP answer never precedes the event. It waits at most the
 * publish timeout (the producer itself gives up after its delivery timeout), and while Kafka keeps failing the
 * circuit opens, so an outage answers at once instead of holding a thread per login. Each acknowledged attempt is
 * counted on /q/metrics ({@code loginguard_login_attempts_total}, by stage and outcome), every series there from the
 * start (created at startup), so a rate is defined before the first login.
 */
@Startup
@ApplicationScoped
public class LoginAttemptPublisher {
    private final MutinyEmitter<byte[]> emitter;
    private final Duration timeout;
    private final Duration deliveryTimeout;
    private final Map<LoginAttempted.Stage, Map<LoginAttempted.Outcome, Counter>> published = new EnumMap<>(LoginAttempted.Stage.class);
    private final Clock clock;
    private final Timer acknowledged;

    public LoginAttemptPublisher(@Channel("auth-login-attempts") MutinyEmitter<byte[]> emitter,
                                 AuthConfig config, MeterRegistry registry, Clock clock) {
        this.emitter = emitter;
        this.clock = clock;
        // the first part of loginguard_verdict_latency (occurredAt to the verdict applied): the broker's acknowledgement
        this.acknowledged = Timer.builder("loginguard.attempt.acknowledged")
                .description("from a login attempt's occurredAt to the broker's acknowledgement of its record")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        for (LoginAttempted.Stage stage : LoginAttempted.Stage.values()) {
            Map<LoginAttempted.Outcome, Counter> byOutcome = new EnumMap<>(LoginAttempted.Outcome.class);
            for (LoginAttempted.Outcome outcome : LoginAttempted.Outcome.values()) {
                if (stage == LoginAttempted.Stage.UNKNOWN || outcome == LoginAttempted.Outcome.UNKNOWN) {
                    continue; // read, never written
                }
                byOutcome.put(outcome, Counter.builder("loginguard.login.attempts")
                        .description("login attempts published to auth.login-attempts (acknowledged), by stage and outcome")
                        .tag("stage", stage.name()).tag("outcome", outcome.name()).register(registry));
            }
            published.put(stage, byOutcome);
        }
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
        // the login's trace goes on in the record (traceparent header, written by the connector's tracing): named
        // here, as the emitter may send from another thread
        Message<byte[]> message = Message.of(EventJson.toBytes(attempt)).addMetadata(metadata)
                .addMetadata(TracingMetadata.withPrevious(Context.current()));
        emitter.sendMessage(message).await().atMost(timeout);
        acknowledged.record(Duration.between(attempt.occurredAt(), clock.instant()));
        Map<LoginAttempted.Outcome, Counter> byOutcome = attempt.stage() == null ? null : published.get(attempt.stage());
        Counter counter = byOutcome == null || attempt.outcome() == null ? null : byOutcome.get(attempt.outcome());
        if (counter != null) {
            counter.increment();
        }
    }
}
