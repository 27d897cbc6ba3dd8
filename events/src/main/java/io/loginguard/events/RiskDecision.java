package io.loginguard.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A change worth telling someone. Topic {@code risk.decisions}, key: the account key, or {@code ip:<addr>}
 * for decisions about an address.
 */
public record RiskDecision(
        UUID eventId,
        Instant occurredAt,
        String subjectKey,
        Type type,
        UUID attemptId,
        Instant until,
        Map<String, String> details) implements Event {

    public RiskDecision {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(subjectKey, "subjectKey");
        Require.present(type, "type");
        details = Canonical.map(details);
    }

    @Override
    public String key() {
        return subjectKey;
    }

    public enum Type {
        LOCKED, UNLOCKED, IP_THROTTLED, NEW_DEVICE, NEW_LOCATION, STEP_UP_REQUIRED, WITHDRAWALS_HELD,
        WITHDRAWALS_RELEASED,
        /** A type this reader does not know yet: read, never written. */
        @JsonEnumDefaultValue UNKNOWN
    }
}
