package io.loginguard.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.UUID;

/** A case's life and the actions a reviewer approved. Topic {@code ticket.events}. */
public record TicketEvent(
        UUID eventId,
        Instant occurredAt,
        String accountId,
        UUID caseId,
        Type type,
        CaseKind caseKind,
        ApprovedAction action,
        String status) implements Event {

    public TicketEvent {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(accountId, "accountId");
        Require.present(caseId, "caseId");
        Require.present(type, "type");
        Require.present(caseKind, "caseKind");
        if (type == Type.ACTION_APPROVED) {
            Require.present(action, "action");
        }
    }

    @Override
    public String key() {
        return accountId;
    }

    public enum Type { OPENED, UPDATED, RESOLVED, ACTION_APPROVED, @JsonEnumDefaultValue UNKNOWN }

    public enum CaseKind { UNABLE_TO_LOG_IN, TWO_FACTOR_RESET, REACTIVATION, PHONE_CHANGE, IDENTITY_VERIFICATION, @JsonEnumDefaultValue UNKNOWN }

    public enum ApprovedAction { TWO_FACTOR_RESET, REACTIVATE, PHONE_CHANGE, IDENTITY_CONFIRMED, RESTRICTION_LIFTED, @JsonEnumDefaultValue UNKNOWN }
}
