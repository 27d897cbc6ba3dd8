package io.loginguard.risk.query;

import io.loginguard.risk.config.IpThrottleSettings;
import io.loginguard.risk.ipthrottle.IpWindow;
import java.time.Instant;
import java.util.List;

/**
 * What risk holds about one address, as of its latest attempt (a throttle that ended since is shown as it was; the
 * next attempt updates it). Counts are of the window ending at that attempt and saturate at the limits: risk keeps no
 * more than a decision needs.
 *
 * @param ip               the counting key (IPv6: the prefix, e.g. {@code 2001:db8:0:0:0:0:0:0/64})
 * @param attemptsInWindow password-stage attempts in the window ending at the latest attempt (at most the limit)
 * @param accountsInWindow distinct account keys among them (at most the limit)
 * @param accounts         those account keys
 * @param throttled        whether the address was throttled at its latest attempt's time
 */
public record IpRiskView(
        String ip,
        int attemptsInWindow,
        int accountsInWindow,
        List<String> accounts,
        boolean throttled,
        Instant throttledFrom,
        Instant throttledUntil,
        int throttles,
        long totalAttempts,
        Instant lastAttemptAt,
        Limits limits) {

    public record Limits(int maxAttempts, int maxAccounts, String window, String duration) {
    }

    static IpRiskView of(IpWindow w, IpThrottleSettings settings) {
        Instant last = w.lastAttemptAt();
        Instant horizon = last == null ? Instant.MIN : last.minus(settings.window());
        int attempts = (int) w.attempts().stream().filter(t -> t.isAfter(horizon)).count();
        List<String> accounts = w.accounts().entrySet().stream().filter(e -> e.getValue().isAfter(horizon))
                .map(java.util.Map.Entry::getKey).toList();
        return new IpRiskView(w.ip(), attempts, accounts.size(), accounts, last != null && w.throttledAt(last),
                w.throttledFrom(), w.throttledUntil(), w.throttles(), w.totalAttempts(), last,
                new Limits(settings.maxAttempts(), settings.maxAccounts(), settings.window().toString(),
                        settings.duration().toString()));
    }
}
