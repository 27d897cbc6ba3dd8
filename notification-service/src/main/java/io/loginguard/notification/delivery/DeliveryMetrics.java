package io.loginguard.notification.delivery;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * notification's counters on /q/metrics: each message's final outcome once it is recorded
 * ({@code loginguard_notification_deliveries_total}, by channel and status: DELIVERED, FAILED, EXPIRED, RATE_LIMITED;
 * alerts folded into a digest are counted as the digest's own delivery) and each record written to notification.dlq ({@code loginguard_dead_letters_total}, by the topic it came
 * from). Neither is tagged by destination or account.
 */
@ApplicationScoped
public class DeliveryMetrics {
    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void finished(Channel channel, Status status) {
        Counter.builder("loginguard.notification.deliveries")
                .description("messages that reached a final outcome, by channel and status")
                .tag("channel", channel == null ? "UNKNOWN" : channel.name()).tag("status", status.name())
                .register(registry).increment();
    }

    public void deadLettered(String sourceTopic) {
        Counter.builder("loginguard.dead.letters")
                .description("records sent to this service's dead-letter topic, by the topic they came from")
                .tag("dlq", Topics.NOTIFICATION_DLQ).tag("source", sourceTopic == null ? "unknown" : sourceTopic)
                .register(registry).increment();
    }
}
