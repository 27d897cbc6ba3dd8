package io.loginguard.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Something a person should know happened to their account. Topic {@code auth.security-events}. */
public record SecurityEvent(
        UUID eventId,
        Instant occurredAt,
        String accountId,
        Type type,
        String sessionId,
        SessionEndReason sessionEndReason,
        String ip,
        String deviceId,
        Map<String, String> details) implements Event {

    public SecurityEvent {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(accountId, "accountId");
        Require.present(type, "type");
        details = Canonical.map(details);
    }

    @Override
    public String key() {
        return accountId;
    }

    public enum Type {
        PASSWORD_CHANGED, PASSWORD_RESET, TWO_FACTOR_ENABLED, TWO_FACTOR_DISABLED, TWO_FACTOR_RESET,
        BACKUP_CODES_REGENERATED, SESSION_STARTED, SESSION_REVOKED, PHONE_CHANGED, ACCOUNT_FROZEN,
        ACCOUNT_REACTIVATED, SUB_ACCOUNT_CREATED, ACCOUNT_REGISTERED, ACCOUNT_VERIFIED, SECURITY_QUESTIONS_CHANGED,
        /** A passkey (WebAuthn credential) was registered or removed; details: passkeyId, name. */
        PASSKEY_ADDED, PASSKEY_REMOVED,
        /** A type this reader does not know yet: read, never written. */
        @JsonEnumDefaultValue UNKNOWN
    }

    public enum SessionEndReason { DEVICE_LIMIT, LOGOUT, PASSWORD_CHANGED, PASSWORD_RESET, ACCOUNT_FROZEN, ADMIN, @JsonEnumDefaultValue UNKNOWN }
}
