package io.loginguard.events;

import java.time.Instant;
import java.util.List;
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
        List<String> reasons) implements Event {

    public RiskVerdict {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(accountKey, "accountKey");
        Require.present(attemptId, "attemptId");
        Require.present(verdict, "verdict");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    @Override
    public String key() {
        return accountKey;
    }

    public enum Verdict { ALLOW, STEP_UP, LOCKED, THROTTLED }
}
