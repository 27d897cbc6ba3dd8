package io.loginguard.risk.ipthrottle;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An address throttled from {@code from} (inclusive) to {@code until} (exclusive), in event time: what the IP task
 * sends every account task through the repartition topic {@code loginguard-risk-ip-throttles-repartition}
 * (written to all its partitions). Internal, not a contract.
 *
 * @param attemptId the attempt that reached the limit
 */
public record IpThrottle(String ip, Instant from, Instant until, UUID attemptId, String reason) {
    public IpThrottle {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
    }

    /** Whether an attempt at {@code at} from this address is throttled. */
    public boolean covers(Instant at) {
        return !at.isBefore(from) && at.isBefore(until);
    }
}
