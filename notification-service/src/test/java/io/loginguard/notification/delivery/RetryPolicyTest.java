package io.loginguard.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Exponential backoff with the defaults: 2 s doubling to at most 5 min, 5 attempts. */
class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(5));
    private final UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void eachWaitDoublesLessAtMostAQuarterOfJitter() {
        long[] bases = {2_000, 4_000, 8_000, 16_000};
        for (int attempt = 1; attempt <= bases.length; attempt++) {
            long wait = policy.delayAfter(attempt, id).toMillis();
            assertThat(wait).as("after attempt %d", attempt).isBetween(bases[attempt - 1] * 3 / 4, bases[attempt - 1]);
        }
    }

    @Test
    void theWaitIsCappedAtTheMaximum() {
        assertThat(policy.delayAfter(30, id)).isLessThanOrEqualTo(Duration.ofMinutes(5)).isGreaterThanOrEqualTo(Duration.ofSeconds(225));
    }

    @Test
    void theJitterIsFixedByMessageAndAttemptSoASchedulesReplays() {
        assertThat(policy.delayAfter(3, id)).isEqualTo(policy.delayAfter(3, id));
        assertThat(policy.delayAfter(3, id)).isNotEqualTo(policy.delayAfter(3, UUID.fromString("00000000-0000-0000-0000-000000000002")));
    }

    @Test
    void fourFailedAttemptsLeaveOneTheFifthEndsIt() {
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }

    @Test
    void aPolicyThatCouldNeverSendIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(10), 2.0, Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
    }
}
