package io.loginguard.auth.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The resend limit on the real Redis, with the clock in the test's hands: once a minute, five an hour. */
@QuarkusTest
class ResendLimiterTest {
    static final long T = 1_800_000_000_000L;
    static final long MINUTE = 60_000;
    static final long HOUR = 3_600_000;

    @Inject
    ResendLimiter limiter;

    String key() {
        return limiter.key("codes", "limit-" + UUID.randomUUID() + "@example.com");
    }

    @Test
    void onceAMinuteTheSecondAskAt59SecondsWaitsAndAt60SecondsGoes() {
        String k = key();
        assertThat(limiter.take(k, T)).isEmpty();
        assertThat(limiter.take(k, T + 59_000)).contains(Duration.ofSeconds(1));
        assertThat(limiter.take(k, T + MINUTE - 1)).contains(Duration.ofMillis(1));
        assertThat(limiter.take(k, T + MINUTE)).isEmpty();
    }

    @Test
    void fiveAnHourTheSixthWaitsUntilTheFirstIsAnHourOld() {
        String k = key();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.take(k, T + i * MINUTE)).as("send %d", i + 1).isEmpty();
        }
        Optional<Duration> sixth = limiter.take(k, T + 5 * MINUTE);
        assertThat(sixth).contains(Duration.ofMillis(HOUR - 5 * MINUTE));
        assertThat(limiter.take(k, T + HOUR - 1)).contains(Duration.ofMillis(1));
        assertThat(limiter.take(k, T + HOUR)).isEmpty();
    }

    @Test
    void aRefusedAskIsNotCountedAsASend() {
        String k = key();
        assertThat(limiter.take(k, T)).isEmpty();
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.take(k, T + 1_000 + i)).isPresent();
        }
        assertThat(limiter.take(k, T + MINUTE)).isEmpty();
    }

    @Test
    void identifiersAreLimitedApart() {
        String a = key();
        String b = key();
        assertThat(limiter.take(a, T)).isEmpty();
        assertThat(limiter.take(b, T)).isEmpty();
    }
}
