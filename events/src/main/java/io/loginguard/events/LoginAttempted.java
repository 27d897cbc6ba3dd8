package io.loginguard.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.UUID;

/**
 * One login attempt, whatever its outcome. Topic {@code auth.login-attempts}, key: the account id, or
 * {@code unknown:<hmac(identifier)>} when no account matched.
 *
 * @param sequence the per-account sequence number issued by auth's admission gate when the attempt was
 *                 admitted to a credential check; {@code null} for attempts refused before any check
 *                 (REJECTED_LOCKED, REJECTED_THROTTLED), which consume no sequence number
 */
public record LoginAttempted(
        UUID eventId,
        Instant occurredAt,
        String accountKey,
        UUID attemptId,
        Long sequence,
        Stage stage,
        Outcome outcome,
        Method method,
        String ip,
        String country,
        Double latitude,
        Double longitude,
        String deviceId,
        String userAgent,
        String masterAccountId) implements Event {

    public LoginAttempted {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(accountKey, "accountKey");
        Require.present(attemptId, "attemptId");
        Require.present(stage, "stage");
        Require.present(outcome, "outcome");
        Require.present(method, "method");
    }

    @Override
    public String key() {
        return accountKey;
    }

    /** Whether the attempt reached a credential check (and so carries a sequence number). */
    public boolean admitted() {
        return sequence != null;
    }

    public enum Stage {
        PASSWORD, SECOND_FACTOR, STEP_UP,
        /** A stage this reader does not know yet: read, never written. */
        @JsonEnumDefaultValue UNKNOWN
    }

    public enum Outcome {
        SUCCEEDED, BAD_PASSWORD, BAD_CODE, UNKNOWN_ACCOUNT, REJECTED_LOCKED, REJECTED_THROTTLED,
        /** An outcome this reader does not know yet: read, never written. Risk counts an admitted one as a failure. */
        @JsonEnumDefaultValue UNKNOWN;

        public boolean isFailure() {
            return this == BAD_PASSWORD || this == BAD_CODE || this == UNKNOWN_ACCOUNT || this == UNKNOWN;
        }

        public boolean isRejection() {
            return this == REJECTED_LOCKED || this == REJECTED_THROTTLED;
        }
    }

    /** How the person identified themselves (PASSWORD stage) or which second factor they used. */
    public enum Method {
        EMAIL_PASSWORD, PHONE_PASSWORD, TOTP, SMS_CODE, EMAIL_CODE, BACKUP_CODE,
        /** A WebAuthn assertion: as a second factor (SECOND_FACTOR stage), or a passwordless login (PASSWORD stage). */
        PASSKEY,
        /** A method this reader does not know yet: read, never written. */
        @JsonEnumDefaultValue UNKNOWN
    }
}
