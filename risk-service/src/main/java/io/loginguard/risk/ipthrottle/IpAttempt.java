package io.loginguard.risk.ipthrottle;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One password-stage attempt re-keyed by its address: what the account task sends the IP task through the
 * repartition topic {@code loginguard-risk-ip-attempts-repartition}. Internal, not a contract.
 *
 * @param ip        the address's counting key ({@link IpAddresses#key})
 * @param partition the partition of auth.login-attempts the attempt was read from, or null (tests of the rule)
 * @param offset    its offset there: the IP task counts an attempt once however often it is sent (a repeat, or a
 *                  re-read after a crash under at-least-once), by the highest offset it counted per partition
 */
public record IpAttempt(String ip, String accountKey, UUID attemptId, Instant occurredAt, Integer partition,
                        Long offset) {
    public IpAttempt {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(accountKey, "accountKey");
        Objects.requireNonNull(attemptId, "attemptId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public IpAttempt(String ip, String accountKey, UUID attemptId, Instant occurredAt) {
        this(ip, accountKey, attemptId, occurredAt, null, null);
    }
}
