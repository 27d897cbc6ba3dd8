package io.loginguard.risk.ipthrottle;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
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
 */
public record IpWindow(
        String ip,
        @JsonSetter(nulls = Nulls.AS_EMPTY) List<Instant> attempts,
        @JsonSetter(nulls = Nulls.AS_EMPTY) SortedMap<String, Instant> accounts,
        Instant throttledFrom,
        Instant throttledUntil,
        int throttles,
        long totalAttempts,
        Instant lastAttemptAt) {

    public IpWindow {
        Objects.requireNonNull(ip, "ip");
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        accounts = accounts == null ? new TreeMap<>() : new TreeMap<>(accounts);
    }

    static IpWindow empty(String ip) {
        return new IpWindow(ip, List.of(), new TreeMap<>(), null, null, 0, 0, null);
    }

    /** Whether the address is throttled at {@code at}. */
    public boolean throttledAt(Instant at) {
        return throttledUntil != null && !at.isBefore(throttledFrom) && at.isBefore(throttledUntil);
    }
}
