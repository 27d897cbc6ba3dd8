package io.loginguard.notification.ratelimit;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.notification.config.NotificationConfig;
import java.time.Duration;

/** How many messages one destination may get per window: 5 SMS per number and 10 emails per address an hour. */
public record RateLimitPolicy(int smsPerWindow, int emailsPerWindow, Duration window) {

    public static RateLimitPolicy of(NotificationConfig.RateLimit config) {
        return new RateLimitPolicy(config.smsPerWindow(), config.emailsPerWindow(), config.window());
    }

    public int limit(Channel channel) {
        return channel == Channel.SMS ? smsPerWindow : emailsPerWindow;
    }
}
