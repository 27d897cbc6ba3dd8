package io.loginguard.risk.ipthrottle;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.loginguard.events.RiskDecision;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the IP task keeps per address (store {@code ip-windows}): the times of its latest attempts and the latest
 * attempt per account key, both within the window and only as many as the limits need (so an attacker's volume
 * costs no memory: counts saturate at the limit), and the throttle.
 *
 * @param attempts       the latest attempt times, ascending, at most {@code maxAttempts}
 * @param accounts       account key to its latest attempt time, at most {@code maxAccounts} (the most recent)
 * @param throttledFrom  start of the latest throttle, or null
 * @param throttledUntil end of the latest throttle (exclusive), or null
 * @param throttles      how many throttles this address started
 * @param totalAttempts  attempts counted from this address since risk last forgot it
 * @param lastAttemptAt  the latest attempt's time
 * @param counted        per partition of auth.login-attempts, the highest input offset of an attempt counted here:
 *                       one at or below it was counted before and is not counted again
 * @param throttle       the latest throttle this address started, and {@code decision} its IP_THROTTLED decision:
 *                       sent again when the attempt that started it comes again (its first sending may have been
 *                       lost in a crash)
 */
public record IpWindow(
        String ip,
        @JsonSetter(nulls = Nulls.AS_EMPTY) List<Instant> attempts,
        @JsonSetter(nulls = Nulls.AS_EMPTY) SortedMap<String, Instant> accounts,
        Instant throttledFrom,
        Instant throttledUntil,
        int throttles,
        long totalAttempts,
        Instant lastAttemptAt,
        @JsonSetter(nulls = Nulls.AS_EMPTY) SortedMap<Integer, Long> counted,
        IpThrottle throttle,
        RiskDecision decision) {

    public IpWindow {
        Objects.requireNonNull(ip, "ip");
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        accounts = accounts == null ? new TreeMap<>() : new TreeMap<>(accounts);
        counted = counted == null ? new TreeMap<>() : new TreeMap<>(counted);
    }

    static IpWindow empty(String ip) {
        return new IpWindow(ip, List.of(), new TreeMap<>(), null, null, 0, 0, null, null, null, null);
    }

    /** Whether the attempt was counted here before: its input offset is at or below the partition's highest. */
    public boolean counted(IpAttempt attempt) {
        if (attempt.partition() == null || attempt.offset() == null) {
            return false;
        }
        Long highest = counted.get(attempt.partition());
        return highest != null && attempt.offset() <= highest;
    }

    /** Whether {@code attempt} is the one that started the latest throttle. */
    public boolean started(IpAttempt attempt) {
        return throttle != null && attempt.attemptId().equals(throttle.attemptId());
    }

    /** Whether the address is throttled at {@code at}. */
    public boolean throttledAt(Instant at) {
        return throttledUntil != null && !at.isBefore(throttledFrom) && at.isBefore(throttledUntil);
    }
}
