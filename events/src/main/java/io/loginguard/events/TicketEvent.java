package io.loginguard.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.UUID;

/**
 * A case's life and the actions a reviewer approved. Topic {@code ticket.events}.
 *
 * @param newPhone the number a PHONE_CHANGE approval sets (E.164), proven by a code sent to it; null otherwise
 */
public record TicketEvent(
        UUID eventId,
        Instant occurredAt,
        String accountId,
        UUID caseId,
        Type type,
        CaseKind caseKind,
        ApprovedAction action,
        String status,
        String newPhone) implements Event {

    /** An event that carries no new phone number (every kind but a PHONE_CHANGE approval). */
    public TicketEvent(UUID eventId, Instant occurredAt, String accountId, UUID caseId, Type type, CaseKind caseKind,
                       ApprovedAction action, String status) {
        this(eventId, occurredAt, accountId, caseId, type, caseKind, action, status, null);
    }

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
        if (type == Type.ACTION_APPROVED && action == ApprovedAction.PHONE_CHANGE) {
            Require.text(newPhone, "newPhone");
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
