package io.loginguard.risk.ipthrottle;

import io.loginguard.events.RiskDecision;
import io.loginguard.risk.DerivedEventIds;
import io.loginguard.risk.config.IpThrottleSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * IP throttling on event time, a pure function of (window, attempt). An attempt at {@code t} counts in the window
 * {@code (t - window, t]}: an earlier attempt leaves it exactly a window after it was made. When an address that is
 * not throttled reaches {@code maxAttempts} attempts, or {@code maxAccounts} distinct account keys, in its window (this
 * attempt included), it is throttled from {@code t} to {@code t + duration}: one {@code IP_THROTTLED} decision (key
 * {@code ip:<address>}, details {@code accountId} naming the account whose attempt reached the limit) and one {@link IpThrottle} for the
 * account tasks. Attempts while throttled still count, so an address that keeps going is throttled again at the
 * first attempt after the end, if its window is still over a limit.
 */
public final class IpThrottleRule {
    public static final String REASON_ATTEMPTS = "ip.too-many-attempts";
    public static final String REASON_ACCOUNTS = "ip.too-many-accounts";
    public static final String SUBJECT_PREFIX = "ip:";
    private static final String UNKNOWN_KEY_PREFIX = "unknown:";

    private final IpThrottleSettings settings;

    public IpThrottleRule(IpThrottleSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public IpThrottleSettings settings() {
        return settings;
    }

    /**
     * @param before the address's window, or null when risk holds none
     * @param attempt an attempt not counted before ({@link IpWindow#counted}: the caller answers a repeat)
     */
    public Result apply(IpWindow before, IpAttempt attempt) {
        IpWindow window = before == null ? IpWindow.empty(attempt.ip()) : before;
        Instant t = attempt.occurredAt();
        Instant horizon = t.minus(settings.window()); // at or before it: out of the window

        List<Instant> times = new ArrayList<>();
        for (Instant time : window.attempts()) {
            if (time.isAfter(horizon)) {
                times.add(time);
            }
        }
        times.add(t);
        times.sort(Comparator.naturalOrder());
        while (times.size() > settings.maxAttempts()) {
            times.remove(0);
        }
        int attemptsInWindow = (int) times.stream().filter(time -> !time.isAfter(t)).count();

        TreeMap<String, Instant> accounts = new TreeMap<>();
        window.accounts().forEach((account, last) -> {
            if (last.isAfter(horizon)) {
                accounts.put(account, last);
            }
        });
        accounts.merge(attempt.accountKey(), t, (a, b) -> a.isAfter(b) ? a : b);
        while (accounts.size() > settings.maxAccounts()) {
            // forget the account attempted longest ago (ties: the greatest key), never the one just attempted
            String oldest = accounts.entrySet().stream()
                    .filter(e -> !e.getKey().equals(attempt.accountKey()))
                    .min(Map.Entry.<String, Instant>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElseThrow();
            accounts.remove(oldest);
        }
        int accountsInWindow = accounts.size();

        Instant from = window.throttledFrom();
        Instant until = window.throttledUntil();
        int throttles = window.throttles();
        Optional<IpThrottle> started = Optional.empty();
        Optional<RiskDecision> decision = Optional.empty();
        boolean overAttempts = attemptsInWindow >= settings.maxAttempts();
        boolean overAccounts = accountsInWindow >= settings.maxAccounts();
        if (!window.throttledAt(t) && (overAttempts || overAccounts)) {
            from = t;
            until = t.plus(settings.duration());
            throttles++;
            String reason = overAttempts ? REASON_ATTEMPTS : REASON_ACCOUNTS;
            started = Optional.of(new IpThrottle(attempt.ip(), from, until, attempt.attemptId(), reason));
            Map<String, String> details = new LinkedHashMap<>();
            if (!attempt.accountKey().startsWith(UNKNOWN_KEY_PREFIX)) {
                details.put("accountId", attempt.accountKey()); // the name notification-service reads
            }
            details.put("ip", attempt.ip());
            details.put("reason", reason);
            details.put("attempts", Integer.toString(attemptsInWindow));
            details.put("accounts", Integer.toString(accountsInWindow));
            details.put("window", settings.window().toString());
            decision = Optional.of(new RiskDecision(DerivedEventIds.of(attempt.attemptId(), "decision:IP_THROTTLED"),
                    t, SUBJECT_PREFIX + attempt.ip(), RiskDecision.Type.IP_THROTTLED, attempt.attemptId(), until,
                    details));
        }
        Instant last = window.lastAttemptAt() == null || t.isAfter(window.lastAttemptAt()) ? t : window.lastAttemptAt();
        TreeMap<Integer, Long> counted = new TreeMap<>(window.counted());
        if (attempt.partition() != null && attempt.offset() != null) {
            counted.merge(attempt.partition(), attempt.offset(), Math::max);
        }
        IpWindow after = new IpWindow(attempt.ip(), times, accounts, from, until, throttles,
                window.totalAttempts() + 1, last, counted, started.orElse(window.throttle()),
                decision.orElse(window.decision()));
        return new Result(after, attemptsInWindow, accountsInWindow, started, decision);
    }

    /**
     * Whether risk may forget the address at stream time {@code now}: nothing it holds can matter to an attempt at
     * or after {@code now - grace} (its attempts are out of the window and its throttle is over).
     */
    public boolean idle(IpWindow window, Instant now) {
        Instant grace = now.minus(settings.window()).minus(settings.duration());
        boolean attemptsOver = window.lastAttemptAt() == null || !window.lastAttemptAt().isAfter(grace.minus(settings.window()));
        boolean throttleOver = window.throttledUntil() == null || !window.throttledUntil().isAfter(grace);
        return attemptsOver && throttleOver;
    }

    /**
     * @param attemptsInWindow attempts in the window at this attempt, itself included (saturates at maxAttempts)
     * @param accountsInWindow distinct account keys in the window (saturates at maxAccounts)
     * @param started          the throttle this attempt started, if it did
     */
    public record Result(IpWindow window, int attemptsInWindow, int accountsInWindow, Optional<IpThrottle> started,
                         Optional<RiskDecision> decision) {
    }
}
