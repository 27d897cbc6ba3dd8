package io.loginguard.auth.admission;

import java.time.Duration;

/**
 * The gate's answer for one attempt: admitted with a fresh sequence number, or refused with the reason and
 * how long to wait.
 */
public record Admission(boolean admitted, long sequence, Refusal refusal, Duration retryAfter) {

    public enum Refusal {
        /** Risk has locked the account. */
        LOCKED,
        /** Risk has locked the attempt's source, its device and address (lockout mode account-and-source). */
        SOURCE_LOCKED,
        /** Confirmed failures plus attempts still in flight reach the threshold: checking one more could exceed it. */
        AT_THRESHOLD,
        /** Risk has not answered this account's attempts within the timeout, and the gate fails closed. */
        RISK_UNAVAILABLE,
        /** Redis lost its data and auth is rebuilding its view of risk's state: nothing is admitted blind. */
        REBUILDING
    }

    static Admission admitted(long sequence) {
        return new Admission(true, sequence, null, Duration.ZERO);
    }

    static Admission refused(Refusal refusal, Duration retryAfter) {
        return new Admission(false, 0, refusal, retryAfter);
    }
}
