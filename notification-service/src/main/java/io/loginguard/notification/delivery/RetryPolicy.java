package io.loginguard.notification.delivery;

import io.loginguard.notification.config.NotificationConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Exponential backoff with a limit: after the n-th failed attempt, wait {@code initial × multiplier^(n-1)}, capped at
 * {@code max}, less up to a quarter (jitter, so messages that failed together are not all retried in the same
 * instant). The jitter derives from the message id and the attempt, not from a random source, so a schedule can be
 * reproduced. After {@code maxAttempts} attempts the message is given up.
 */
public record RetryPolicy(int maxAttempts, Duration initial, double multiplier, Duration max) {

    public RetryPolicy {
        if (maxAttempts < 1 || initial.isNegative() || max.compareTo(initial) < 0 || multiplier < 1.0) {
            throw new IllegalArgumentException("retry policy: at least 1 attempt, 0 <= initial <= max, multiplier >= 1");
        }
    }

    public static RetryPolicy of(NotificationConfig.Retry config) {
        return new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.multiplier(), config.maxBackoff());
    }

    /** True once {@code attemptsMade} attempts have failed and none is left. */
    public boolean exhausted(int attemptsMade) {
        return attemptsMade >= maxAttempts;
    }

    /** The wait after the {@code attemptsMade}-th failed attempt (1 for the first). */
    public Duration delayAfter(int attemptsMade, UUID messageId) {
        double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, attemptsMade - 1));
        double capped = Math.min(base, max.toMillis());
        return Duration.ofMillis(Math.round(capped * (1.0 - 0.25 * jitter(messageId, attemptsMade))));
    }

    /** A number in [0, 1) fixed by the message and the attempt. */
    static double jitter(UUID messageId, int attempt) {
        int h = UUID.nameUUIDFromBytes((messageId + "/" + attempt).getBytes(StandardCharsets.UTF_8)).hashCode();
        return (h & 0x7fffffff) / (double) Integer.MAX_VALUE * 0.999;
    }
}
