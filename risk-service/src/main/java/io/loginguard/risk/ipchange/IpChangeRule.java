package io.loginguard.risk.ipchange;

import io.loginguard.risk.config.IpChangeSettings;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Frequent IP changes (seed 001): an account whose successful password logins came from more than a few addresses
 * within a short window is asked for a step-up. Only successful logins count, so an attacker spraying wrong
 * passwords from many addresses cannot make the owner's next login a step-up.
 */
public final class IpChangeRule {
    private final IpChangeSettings settings;

    public IpChangeRule(IpChangeSettings settings) {
        this.settings = settings;
    }

    /**
     * Records a successful login from {@code ip} at {@code at}.
     *
     * @param recent address → time of its latest successful login
     */
    public Assessment assess(SortedMap<String, Instant> recent, String ip, Instant at) {
        TreeMap<String, Instant> window = new TreeMap<>();
        Instant from = at.minus(settings.window());
        for (Map.Entry<String, Instant> e : recent.entrySet()) {
            // The window is (at - window, at]: an address seen exactly a window ago has left it.
            if (e.getValue().isAfter(from)) {
                window.put(e.getKey(), e.getValue());
            }
        }
        if (ip != null && !ip.isBlank()) {
            window.merge(ip, at, (a, b) -> a.isAfter(b) ? a : b);
        }
        return new Assessment(window, window.size() > settings.maxDistinctIps());
    }

    /** The addresses still in the window, this one included, and whether they are too many. */
    public record Assessment(SortedMap<String, Instant> recent, boolean tooMany) {
        public int distinctIps() {
            return recent.size();
        }
    }
}
