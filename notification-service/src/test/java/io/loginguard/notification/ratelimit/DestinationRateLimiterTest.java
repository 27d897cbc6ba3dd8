package io.loginguard.notification.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.notification.config.NotificationConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sliding window on the real Redis: 5 SMS per number, 10 emails per address, per window (5 s in tests). */
@QuarkusTest
class DestinationRateLimiterTest {
    @Inject
    DestinationRateLimiter limiter;

    @Inject
    NotificationConfig config;

    private final Instant t0 = Instant.now();

    private boolean take(Channel channel, String destination, Instant at) {
        return limiter.acquire(channel, destination, UUID.randomUUID(), at).allowed();
    }

    @Test
    void theDefaultsAreTheIssues() {
        assertThat(config.rateLimit().smsPerWindow()).isEqualTo(5);
        assertThat(config.rateLimit().emailsPerWindow()).isEqualTo(10);
        assertThat(config.sender()).isEqualTo("do-not-reply@loginguard.local");
    }

    @Test
    void theSixthSmsToANumberIsRefusedUntilTheFirstLeavesTheWindow() {
        String phone = "+8613" + System.nanoTime() % 1_000_000_000L;
        Duration window = config.rateLimit().window();
        for (int i = 0; i < 5; i++) {
            assertThat(take(Channel.SMS, phone, t0.plusMillis(i))).as("sms %d", i + 1).isTrue();
        }
        DestinationRateLimiter.Decision sixth = limiter.acquire(Channel.SMS, phone, UUID.randomUUID(), t0.plusMillis(10));
        assertThat(sixth.allowed()).isFalse();
        assertThat(sixth.nextSlot()).isEqualTo(t0.plus(window));
        assertThat(take(Channel.SMS, phone, t0.plus(window).minusMillis(1))).as("one ms before the first leaves").isFalse();
        assertThat(take(Channel.SMS, phone, t0.plus(window))).as("the moment it leaves").isTrue();
    }

    @Test
    void tenEmailsPerAddressAndTheAddressIsCaseInsensitive() {
        String email = "Limit-" + UUID.randomUUID() + "@Example.com";
        for (int i = 0; i < 10; i++) {
            assertThat(take(Channel.EMAIL, i % 2 == 0 ? email : email.toLowerCase(), t0.plusMillis(i))).isTrue();
        }
        assertThat(take(Channel.EMAIL, email, t0.plusMillis(20))).isFalse();
        assertThat(take(Channel.SMS, "+8613900000000" + "", t0)).as("another destination has its own window").isTrue();
    }

    @Test
    void aRetryOfTheSameMessageTakesNoSecondSlot() {
        String phone = "+8614" + System.nanoTime() % 1_000_000_000L;
        UUID message = UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            assertThat(limiter.acquire(Channel.SMS, phone, message, t0.plusMillis(i)).allowed()).isTrue();
        }
        for (int i = 0; i < 4; i++) {
            assertThat(take(Channel.SMS, phone, t0.plusMillis(10 + i))).isTrue();
        }
        assertThat(take(Channel.SMS, phone, t0.plusMillis(20))).isFalse();
    }

    @Test
    void keysNeverHoldTheDestination() {
        assertThat(limiter.key(Channel.SMS, "+8613812345678")).doesNotContain("13812345678").contains("rate:sms:");
        assertThat(limiter.key(Channel.EMAIL, "alice@example.com")).doesNotContain("alice");
    }
}
