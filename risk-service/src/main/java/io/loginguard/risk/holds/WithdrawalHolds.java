package io.loginguard.risk.holds;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Withdrawal holds: a 2FA-reset case holds withdrawals for 7 days (seed 000, FAQ Q2) until it ends or the case is
 * rejected; a password reset holds them for 24 h. Each hold is kept under its cause ({@code case:<id>},
 * {@code password-reset:<event id>}), so a repeated event changes nothing and a rejected case releases only its own
 * hold. {@code AccountRiskState.withdrawalsHeldUntil} is the latest end of the holds in force, which a wallet reads.
 */
public final class WithdrawalHolds {
    private WithdrawalHolds() {
    }

    public static String caseHold(Object caseId) {
        return "case:" + caseId;
    }

    public static String passwordResetHold(Object eventId) {
        return "password-reset:" + eventId;
    }

    /** Adds a hold, or lengthens the one of the same cause; never shortens it. */
    public static SortedMap<String, Instant> place(SortedMap<String, Instant> holds, String cause, Instant until) {
        TreeMap<String, Instant> next = new TreeMap<>(holds);
        next.merge(cause, until, (a, b) -> a.isAfter(b) ? a : b);
        return next;
    }

    public static SortedMap<String, Instant> release(SortedMap<String, Instant> holds, String cause) {
        TreeMap<String, Instant> next = new TreeMap<>(holds);
        next.remove(cause);
        return next;
    }

    /** Only the holds still in force at {@code at}: a hold is over at its end instant. */
    public static SortedMap<String, Instant> inForce(SortedMap<String, Instant> holds, Instant at) {
        TreeMap<String, Instant> next = new TreeMap<>();
        for (Map.Entry<String, Instant> e : holds.entrySet()) {
            if (at.isBefore(e.getValue())) {
                next.put(e.getKey(), e.getValue());
            }
        }
        return next;
    }

    /** The end of the latest hold in force at {@code at}, or null when withdrawals are free. */
    public static Instant heldUntil(SortedMap<String, Instant> holds, Instant at) {
        Instant latest = null;
        for (Instant until : inForce(holds, at).values()) {
            latest = latest == null || until.isAfter(latest) ? until : latest;
        }
        return latest;
    }

    /**
     * What changed for a wallet between the published end {@code before} and the new one {@code after}, at {@code at}:
     * HELD for a new or different end (a rejected case can leave a shorter hold of another cause), RELEASED when
     * nothing holds any more.
     */
    public static Transition transition(Instant before, Instant after, Instant at) {
        if (after == null) {
            return before != null ? Transition.RELEASED : Transition.NONE;
        }
        boolean wasHeld = before != null && at.isBefore(before);
        return wasHeld && after.equals(before) ? Transition.NONE : Transition.HELD;
    }

    public enum Transition { HELD, RELEASED, NONE }
}
