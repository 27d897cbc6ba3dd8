package io.loginguard.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Risk's answer to one login attempt. Topic {@code risk.verdicts}, key: the attempt's key.
 *
 * @param sequence          the attempt's sequence number, {@code null} when the attempt was not admitted
 * @param admittedProcessed how many admitted attempts (attempts with a sequence number) risk has processed
 *                          for this account, this one included: auth's admission gate treats
 *                          {@code issued - admittedProcessed} attempts as still unconfirmed. A count, not a
 *                          sequence high-water mark, so attempts that reach the partition out of sequence
 *                          order are still counted exactly
 * @param consecutiveFailures the password-failure streak after this attempt (0 once a lock engaged)
 * @param version           risk's per-account state version after this attempt: it grows by one with every change
 *                          risk makes to the account's state, so auth keeps the newest view whatever order records
 *                          arrive in; 0 from a risk that predates it
 * @param checksLeft        how many more admitted password checks the account has before risk locks it (while
 *                          locked: the number it gets back when the lock runs out; lockedUntil refuses meanwhile).
 *                          The one source of the threshold: auth's gate admits only this many in flight.
 *                          {@code null} from a risk that predates it
 * @param secondFactorChecksLeft the same for second-factor checks, counted apart
 * @param throttledUntil    with verdict {@code THROTTLED}: when the throttle of the attempt's address ends (event
 *                          time), so auth can say how long to wait; {@code null} otherwise
 * @param lockedSources     lockout mode account-and-source: the account's sources locked after this attempt
 *                          ({@link LoginSource#digest} to the end of the lock), as in the state of the same version;
 *                          null when none
 */
public record RiskVerdict(
        UUID eventId,
        Instant occurredAt,
        String accountKey,
        UUID attemptId,
        Long sequence,
        long admittedProcessed,
        Verdict verdict,
        int consecutiveFailures,
        int secondFactorFailures,
        Instant lockedUntil,
        List<String> reasons,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long version,
        Integer checksLeft,
        Integer secondFactorChecksLeft,
        Instant throttledUntil,
        SortedMap<String, Instant> lockedSources) implements Event {

    /** A verdict with no source locked. */
    public RiskVerdict(UUID eventId, Instant occurredAt, String accountKey, UUID attemptId, Long sequence,
                       long admittedProcessed, Verdict verdict, int consecutiveFailures, int secondFactorFailures,
                       Instant lockedUntil, List<String> reasons, long version, Integer checksLeft,
                       Integer secondFactorChecksLeft, Instant throttledUntil) {
        this(eventId, occurredAt, accountKey, attemptId, sequence, admittedProcessed, verdict, consecutiveFailures,
                secondFactorFailures, lockedUntil, reasons, version, checksLeft, secondFactorChecksLeft, throttledUntil,
                null);
    }

    public RiskVerdict {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(accountKey, "accountKey");
        Require.present(attemptId, "attemptId");
        Require.present(verdict, "verdict");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        lockedSources = LoginSource.canonical(lockedSources);
    }

    @Override
    public String key() {
        return accountKey;
    }

    public enum Verdict {
        ALLOW, STEP_UP, LOCKED, THROTTLED,
        /** A value this reader does not know yet (contracts grow by adding values): read, never written. */
        @JsonEnumDefaultValue UNKNOWN
    }

    /** Reason on the verdict for an admitted attempt risk could not evaluate; it counts as a failure. */
    public static final String REASON_UNPROCESSABLE = "UNPROCESSABLE";

    /** Reason on a LOCKED verdict: the account was already locked when the attempt was made. */
    public static final String REASON_ACCOUNT_LOCKED = "lockout.account-locked";

    /**
     * Reason on a LOCKED verdict: the attempt's source (its device and address, lockout mode account-and-source) was
     * already locked when it was made.
     */
    public static final String REASON_SOURCE_LOCKED = "lockout.source-locked";

    /** Whether risk refused the attempt for a lock already in force (not one this attempt engaged). */
    public boolean refusedForStandingLock() {
        return verdict == Verdict.LOCKED && reasons != null
                && (reasons.contains(REASON_ACCOUNT_LOCKED) || reasons.contains(REASON_SOURCE_LOCKED));
    }
}
