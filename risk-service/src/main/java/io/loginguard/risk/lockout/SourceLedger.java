package io.loginguard.risk.lockout;

import io.loginguard.events.LoginSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Mode {@code account-and-source}: what one account's unknown sources did. Sorted maps, so its JSON (the store's
 * changelog) is the same on every JVM.
 *
 * @param unknownSourceFailures failed password checks from unknown sources, all together, since the account's last
 *                              successful password or lock
 * @param sources               per source key ({@code <device>@<ip>}): its failures and lock
 */
public record SourceLedger(int unknownSourceFailures, SortedMap<String, SourceStanding> sources) {
    public static final SourceLedger EMPTY = new SourceLedger(0, null);

    public SourceLedger {
        sources = Collections.unmodifiableSortedMap(sources == null ? new TreeMap<>() : new TreeMap<>(sources));
    }

    /**
     * The sources locked at {@code at} whose device is not among {@code knownDevices} (a known device is never
     * refused for its source), by digest: what auth's gate refuses before checking a password.
     */
    public SortedMap<String, Instant> lockedAt(Instant at, Set<String> knownDevices) {
        if (sources.isEmpty()) {
            return Collections.emptySortedMap();
        }
        TreeMap<String, Instant> locked = new TreeMap<>();
        for (Map.Entry<String, SourceStanding> e : sources.entrySet()) {
            String device = LoginSource.deviceOf(e.getKey());
            if (e.getValue().lockedAt(at) && (device == null || !knownDevices.contains(device))) {
                locked.put(LoginSource.digestOfKey(e.getKey()), e.getValue().lockedUntil());
            }
        }
        return locked;
    }

    SourceStanding standing(String key) {
        return sources.getOrDefault(key, SourceStanding.NONE);
    }

    SourceLedger with(String key, SourceStanding standing, int unknownFailures) {
        TreeMap<String, SourceStanding> next = new TreeMap<>(sources);
        if (standing == null) {
            next.remove(key);
        } else {
            next.put(key, standing);
        }
        return new SourceLedger(unknownFailures, next);
    }

    SourceLedger withUnknownSourceFailures(int failures) {
        return new SourceLedger(failures, sources);
    }

    /**
     * Forgets sources neither locked at {@code at} nor seen within {@code stale}, then the least recently seen unlocked
     * ones beyond {@code max}: attackers choose how many sources there are. Locked sources are kept until their end.
     */
    SourceLedger prune(Instant at, Duration stale, int max) {
        TreeMap<String, SourceStanding> next = new TreeMap<>();
        for (Map.Entry<String, SourceStanding> e : sources.entrySet()) {
            SourceStanding s = e.getValue();
            if (s.lockedAt(at) || at.isBefore(s.lastSeen().plus(stale))) {
                next.put(e.getKey(), s.lockedAt(at) ? s : s.withoutExpiredLock());
            }
        }
        while (next.size() > max) {
            String oldest = next.entrySet().stream().filter(e -> !e.getValue().lockedAt(at))
                    .min(Comparator.comparing((Map.Entry<String, SourceStanding> e) -> e.getValue().lastSeen())
                            .thenComparing(Map.Entry::getKey))
                    .map(Map.Entry::getKey).orElse(null);
            if (oldest == null) {
                break;
            }
            next.remove(oldest);
        }
        return new SourceLedger(unknownSourceFailures, next);
    }

    /** One unknown source: its failure streak, its lock, and when it was last seen. */
    public record SourceStanding(int failures, Instant lockedUntil, Instant lastSeen) {
        static final SourceStanding NONE = new SourceStanding(0, null, Instant.EPOCH);

        boolean lockedAt(Instant at) {
            return lockedUntil != null && at.isBefore(lockedUntil);
        }

        SourceStanding withoutExpiredLock() {
            return lockedUntil == null ? this : new SourceStanding(0, null, lastSeen);
        }
    }
}
