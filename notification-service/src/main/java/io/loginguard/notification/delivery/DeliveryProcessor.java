package io.loginguard.notification.delivery;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.events.TraceContext;
import io.loginguard.kit.db.Retrying;
import io.loginguard.notification.config.NotificationConfig.UnknownOutcome;
import io.loginguard.notification.config.NotificationConfig;
import io.loginguard.notification.email.EmailSender;
import io.loginguard.notification.ratelimit.DestinationRateLimiter;
import io.loginguard.notification.sealing.SealingKeys;
import io.loginguard.notification.sms.SmsSender;
import io.loginguard.notification.template.MessageRenderer;
import io.loginguard.notification.template.RenderedMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Sends one claimed message: settles an interrupted earlier send first, then expiry, recipient, rate limit, opening
 * the sealed params, rendering, the send itself, and records the outcome. Sealed values live only in this method's
 * locals for the length of one send; logs name the template and the masked destination, never the content.
 */
@ApplicationScoped
public class DeliveryProcessor {
    private static final Logger LOG = Logger.getLogger(DeliveryProcessor.class);
    /** How long a message without a known recipient waits for the contact projection before it is given up. */
    private static final Duration CONTACT_WAIT = Duration.ofMinutes(10);

    private final DeliveryStore store;
    private final Outcomes outcomes;
    private final Recipients recipients;
    private final DestinationRateLimiter limiter;
    private final SealingKeys keys;
    private final MessageRenderer renderer;
    private final EmailSender email;
    private final SmsSender sms;
    private final Retrying retrying;
    private final Clock clock;
    private final RetryPolicy retry;
    private final Duration dependencyBackoff;
    private final UnknownOutcome unknownEmailOutcome;
    private final MeterRegistry metrics;
    private final Tracer tracer;

    public DeliveryProcessor(DeliveryStore store, Outcomes outcomes, Recipients recipients, DestinationRateLimiter limiter,
                             SealingKeys keys, MessageRenderer renderer, EmailSender email, SmsSender sms, Retrying retrying,
                             Clock clock, NotificationConfig config, MeterRegistry metrics,
                             Tracer tracer) {
        this.store = store;
        this.outcomes = outcomes;
        this.recipients = recipients;
        this.limiter = limiter;
        this.keys = keys;
        this.renderer = renderer;
        this.email = email;
        this.sms = sms;
        this.retrying = retrying;
        this.clock = clock;
        this.retry = RetryPolicy.of(config.retry());
        this.dependencyBackoff = config.retry().dependencyBackoff();
        this.unknownEmailOutcome = config.email().unknownOutcome();
        this.metrics = metrics;
        this.tracer = tracer;
    }

    public void process(Delivery d) {
        if (d.interrupted() && settleInterrupted(d)) {
            return;
        }
        Instant now = clock.instant();
        if (d.expiresAt() != null && !now.isBefore(d.expiresAt())) {
            record(() -> outcomes.expired(d, "expired: the code's time passed before it could be sent"));
            return;
        }
        Optional<Recipient> recipient = recipients.resolve(d);
        if (recipient.isEmpty()) {
            waitForContact(d, now);
            return;
        }
        Recipient to = recipient.get();
        DestinationRateLimiter.Decision slot;
        try {
            slot = limiter.acquire(to.channel(), to.destination(), d.requestId());
        } catch (RuntimeException e) {
            LOG.warnf("%s: Redis unavailable for the rate limit, waiting: %s", d.describe(), e.getMessage());
            record(() -> outcomes.retryLater(d, "rate limit unavailable: " + e.getMessage(), now.plus(dependencyBackoff), false));
            return;
        }
        if (!slot.allowed()) {
            LOG.infof("%s to %s: over the destination's limit, %s", d.describe(), to, d.alert() ? "folded into a digest" : "refused");
            metrics.counter("loginguard.notification.rate.limited", "channel", to.channel().name()).increment();
            record(() -> {
                if (d.alert()) {
                    outcomes.folded(d, to.destination());
                } else {
                    outcomes.rateLimited(d, to.destination());
                }
            });
            return;
        }
        send(d, to);
    }

    private void send(Delivery d, Recipient to) {
        RenderedMessage message;
        try {
            Map<String, String> secret = keys.open(d.sealedParams(), d.requestId().toString());
            message = renderer.render(d.template(), to.locale(), d.params(), secret, to.antiPhishingCode());
        } catch (RuntimeException e) {
            // a key we lack, tampered params, a template that cannot be rendered with what came: never sendable
            String why = "not renderable: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warnf("%s: %s", d.describe(), why);
            record(() -> outcomes.failed(d, to.destination(), why, false, true));
            return;
        }
        retrying.untilDone("mark " + d.requestId() + " handed over", () -> store.handingOver(d.requestId(), clock.instant()));
        long started = System.nanoTime();
        SendResult result = traced(d, () -> to.channel() == Channel.SMS
                ? sms.send(to.destination(), message.sms(), d.requestId())
                : email.send(to.destination(), message, d.requestId()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.timer("loginguard.notification.send", "channel", to.channel().name(), "result", result.kind().name()).record(took);
        handle(d, to, result, took);
    }

    /**
     * The send as a span of the trace the message came in (its record's traceparent; a trace of its own when it had
     * none): what kind of message (channel, template, attempt) and how it went, never a destination or content.
     */
    private SendResult traced(Delivery d, java.util.function.Supplier<SendResult> send) {
        Span span = tracer.spanBuilder("send " + d.channel().name().toLowerCase(java.util.Locale.ROOT))
                .setParent(TraceContext.parent(d.traceparent()))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("loginguard.notification.channel", d.channel().name())
                .setAttribute("loginguard.notification.template", d.template())
                .setAttribute("loginguard.notification.source", d.source().name())
                .setAttribute("loginguard.notification.request_id", d.requestId().toString())
                .setAttribute("loginguard.notification.attempt", d.attempts() + 1)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            SendResult result = send.get();
            span.setAttribute("loginguard.notification.result", result.kind().name());
            if (result.kind() != SendResult.Kind.SENT) {
                span.setStatus(StatusCode.ERROR, result.kind().name());
            }
            return result;
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private void handle(Delivery d, Recipient to, SendResult result, Duration took) {
        int attemptsMade = d.attempts() + 1;
        switch (result.kind()) {
            case SENT -> {
                LOG.infof("%s: sent to %s in %d ms", d.describe(), to, took.toMillis());
                String messageId = to.channel() == Channel.EMAIL ? email.messageId(d.requestId()) : d.requestId().toString();
                record(() -> outcomes.delivered(d, to.destination(), messageId, result.providerMessageId()));
            }
            case TRANSIENT -> {
                if (retry.exhausted(attemptsMade)) {
                    LOG.warnf("%s to %s: %s; out of attempts, dead-lettered", d.describe(), to, result.error());
                    record(() -> outcomes.failed(d, to.destination(), "gave up after " + attemptsMade + " attempts: " + result.error(), true, true));
                } else {
                    Duration wait = retry.delayAfter(attemptsMade, d.requestId());
                    LOG.infof("%s to %s: %s; retrying in %d ms", d.describe(), to, result.error(), wait.toMillis());
                    record(() -> outcomes.retryLater(d, result.error(), clock.instant().plus(wait), true));
                }
            }
            case PERMANENT -> {
                LOG.warnf("%s to %s: refused for good: %s", d.describe(), to, result.error());
                record(() -> outcomes.failed(d, to.destination(), result.error(), true, true));
            }
        }
    }

    /**
     * The message was handed to its provider by a sender that died before recording the answer. SMS: ask the gateway
     * by the request id (the idempotency key); email: SMTP cannot be asked, so give up (at most once) or resend with
     * the same Message-ID, as configured. Returns true when settled here.
     */
    private boolean settleInterrupted(Delivery d) {
        if (d.channel() == Channel.SMS) {
            try {
                Optional<String> earlier = sms.sentBefore(d.requestId());
                if (earlier.isPresent()) {
                    LOG.infof("%s: an interrupted send had reached the gateway (%s): not sent again", d.describe(), earlier.get());
                    record(() -> outcomes.delivered(d, null, d.requestId().toString(), earlier.get()));
                    return true;
                }
                return false; // never reached the gateway: send (the idempotency key guards a race)
            } catch (RuntimeException e) {
                record(() -> outcomes.retryLater(d, e.getMessage(), clock.instant().plus(dependencyBackoff), false));
                return true;
            }
        }
        if (unknownEmailOutcome == UnknownOutcome.GIVE_UP) {
            String why = "outcome unknown: the sender stopped after handing the message to SMTP and before its answer; "
                    + "not resent (at most once), it may have arrived";
            LOG.warnf("%s: %s", d.describe(), why);
            record(() -> outcomes.failed(d, null, why, true, false));
            return true;
        }
        return false;
    }

    private void waitForContact(Delivery d, Instant now) {
        if (now.isAfter(d.occurredAt().plus(CONTACT_WAIT))) {
            LOG.warnf("%s: no contact details for account %s after %s: given up", d.describe(), d.accountId(), CONTACT_WAIT);
            record(() -> outcomes.failed(d, null, "no destination: the account's contact details are not known", false, true));
        } else {
            record(() -> outcomes.retryLater(d, "waiting for the account's contact details", now.plus(dependencyBackoff), false));
        }
    }

    private void record(Runnable outcome) {
        retrying.untilDone("record an outcome", outcome);
    }
}
