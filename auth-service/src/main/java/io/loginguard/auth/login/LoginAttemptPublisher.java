package io.loginguard.auth.login;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.Topics;
import io.loginguard.events.TraceContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Sends each {@link LoginAttempted} to {@code auth.login-attempts} and returns only once the broker has
 * acknowledged it (acks=all, idempotent producer): the HTTP answer never precedes the event. It waits at most the
 * publish timeout (the producer itself gives up after its delivery timeout), and while Kafka keeps failing the
 * circuit opens, so an outage answers at once instead of holding a thread per login. Each acknowledged attempt is
 * counted on /q/metrics ({@code loginguard_login_attempts_total}, by stage and outcome), every series there from the
 * start (created at startup), so a rate is defined before the first login.
 *
 * <p>The record goes straight to the Kafka producer of the channel {@value #CHANNEL} (configured under
 * {@code mp.messaging.outgoing.auth-login-attempts.*}, the one the pipeline heartbeat also writes with), from the
 * request's own thread. Every successful login waits for this acknowledgement and then for risk's verdict, and the
 * emitter's way there (a message, the connector's sending thread, a Mutiny completion) cost about 2 ms at the median
 * and 3 ms at p99 over a plain send (BENCHMARKS.md, "Verdict latency"). The emitter stays declared only so the
 * channel, and with it the producer, exists. The login's trace goes on in the record: a producer span, child of the
 * request's, whose context is the record's {@code traceparent} (risk copies it to its outputs).
 */
@Startup
@ApplicationScoped
public class LoginAttemptPublisher {
    /** The channel whose producer writes auth's records (attempts, heartbeats, and the verdict consumer's DLQ). */
    public static final String CHANNEL = "auth-login-attempts";

    private final KafkaClientService kafka;
    private final Tracer tracer;
    private final Duration timeout;
    private final Duration deliveryTimeout;
    private final Map<LoginAttempted.Stage, Map<LoginAttempted.Outcome, Counter>> published = new EnumMap<>(LoginAttempted.Stage.class);
    private final Clock clock;
    private final Timer acknowledged;

    public LoginAttemptPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> channel, KafkaClientService kafka,
                                 Tracer tracer, AuthConfig config, MeterRegistry registry, Clock clock) {
        this.kafka = kafka;
        this.tracer = tracer;
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
                .getOptionalValue("mp.messaging.outgoing." + CHANNEL + ".delivery.timeout.ms", Long.class)
                .orElse(120_000L));
    }

    /** The producer's delivery timeout: after a failed send, the latest the event could still be written. */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 2000, successThreshold = 1)
    public void publish(LoginAttempted attempt) {
        io.smallrye.reactive.messaging.kafka.KafkaProducer<String, byte[]> channel = kafka.getProducer(CHANNEL);
        if (channel == null) {
            throw new PublishFailedException("the producer of " + Topics.LOGIN_ATTEMPTS + " is not started", null);
        }
        Span span = tracer.spanBuilder(Topics.LOGIN_ATTEMPTS + " publish").setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", Topics.LOGIN_ATTEMPTS)
                .setAttribute("messaging.operation", "publish")
                .startSpan();
        try {
            RecordHeaders headers = new RecordHeaders();
            CloudEventHeaders.write(headers, attempt, TraceContext.of(span.getSpanContext()));
            send(channel.unwrap(), new ProducerRecord<>(Topics.LOGIN_ATTEMPTS, null, attempt.key(),
                    EventJson.toBytes(attempt), headers));
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
        acknowledged.record(Duration.between(attempt.occurredAt(), clock.instant()));
        Map<LoginAttempted.Outcome, Counter> byOutcome = attempt.stage() == null ? null : published.get(attempt.stage());
        Counter counter = byOutcome == null || attempt.outcome() == null ? null : byOutcome.get(attempt.outcome());
        if (counter != null) {
            counter.increment();
        }
    }

    /** Sends and waits for the acknowledgement, at most the publish timeout. */
    private void send(Producer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        Future<?> sent;
        try {
            sent = producer.send(record); // may block up to max.block.ms while the topic's metadata is unknown
        } catch (RuntimeException e) {
            throw new PublishFailedException("the attempt was not accepted by the producer", e);
        }
        try {
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PublishFailedException("the broker did not acknowledge the attempt", e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("no acknowledgement within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for the acknowledgement", e);
        }
    }

    /** The attempt is not known to be written: the login answers 503 (LoginService.publish). */
    public static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
