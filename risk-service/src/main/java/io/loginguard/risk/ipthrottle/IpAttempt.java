package io.loginguard.risk.ipthrottle;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One password-stage attempt re-keyed by its address: what the account task sends the IP task through the
 * repartition topic {@code loginguard-risk-ip-attempts-repartition}. Internal, not a contract.
 *
 * @param ip the address's counting key ({@link IpAddresses#key})
 */
public record IpAttempt(String ip, String accountKey, UUID attemptId, Instant occurredAt) {
    public IpAttempt {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(accountKey, "accountKey");
        Objects.requireNonNull(attemptId, "attemptId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
