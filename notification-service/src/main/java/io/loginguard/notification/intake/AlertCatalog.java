package io.loginguard.notification.intake;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.SecurityEvent;
import io.loginguard.kit.outbox.SourceRecord;
import io.loginguard.notification.delivery.NewDelivery;
import io.loginguard.notification.delivery.Source;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which decisions and security events the account's owner is told about, with which template, and what the
 * message shows (time, IP, country, device, until when). The event id is the message's id, so a replay sends
 * nothing twice. Alerts go by email; the contact's phone is used only when the account has no email.
 */
public final class AlertCatalog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Map<RiskDecision.Type, String> DECISIONS = new EnumMap<>(Map.of(
            RiskDecision.Type.LOCKED, "account-locked",
            RiskDecision.Type.NEW_DEVICE, "new-device",
            RiskDecision.Type.NEW_LOCATION, "new-location",
            RiskDecision.Type.STEP_UP_REQUIRED, "step-up-required",
            RiskDecision.Type.WITHDRAWALS_HELD, "withdrawals-held",
            RiskDecision.Type.IP_THROTTLED, "ip-throttled"));
    private static final Map<SecurityEvent.Type, String> SECURITY_EVENTS = new EnumMap<>(Map.of(
            SecurityEvent.Type.PASSWORD_CHANGED, "password-changed",
            SecurityEvent.Type.PASSWORD_RESET, "password-reset",
            SecurityEvent.Type.TWO_FACTOR_ENABLED, "two-factor-enabled",
            SecurityEvent.Type.TWO_FACTOR_DISABLED, "two-factor-disabled",
            SecurityEvent.Type.TWO_FACTOR_RESET, "two-factor-reset",
            SecurityEvent.Type.SESSION_REVOKED, "session-revoked",
            SecurityEvent.Type.ACCOUNT_FROZEN, "account-frozen",
            SecurityEvent.Type.PHONE_CHANGED, "phone-changed",
            SecurityEvent.Type.PASSKEY_ADDED, "passkey-added",
            SecurityEvent.Type.PASSKEY_REMOVED, "passkey-removed"));

    private AlertCatalog() {
    }

    /** The alert a decision asks for, if it names an account and is a kind people are told about. */
    public static Optional<NewDelivery> of(RiskDecision d, SourceRecord record) {
        String template = DECISIONS.get(d.type());
        Optional<String> account = accountOf(d);
        if (template == null || account.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("time", TIME.format(d.occurredAt()));
        if (d.until() != null) {
            params.put("until", TIME.format(d.until()));
        }
        copy(d.details(), params, "ip", "country", "device");
        if (!params.containsKey("device")) {
            copy(d.details(), params, "deviceId");
            Optional.ofNullable(params.remove("deviceId")).ifPresent(v -> params.put("device", v));
        }
        return Optional.of(alert(d.eventId(), Source.DECISION, account.get(), template, params, d.occurredAt(), record));
    }

    /** The alert a security event asks for; a session ends in an alert only when the device limit ended it. */
    public static Optional<NewDelivery> of(SecurityEvent e, SourceRecord record) {
        String template = SECURITY_EVENTS.get(e.type());
        if (template == null || (e.type() == SecurityEvent.Type.SESSION_REVOKED
                && e.sessionEndReason() != SecurityEvent.SessionEndReason.DEVICE_LIMIT)) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("time", TIME.format(e.occurredAt()));
        putIfPresent(params, "ip", e.ip());
        putIfPresent(params, "device", e.deviceId());
        copy(e.details(), params, "country", "factor", "name");
        return Optional.of(alert(e.eventId(), Source.SECURITY_EVENT, e.accountId(), template, params, e.occurredAt(), record));
    }

    /** Decisions are keyed by the account id, or by {@code ip:<addr>} with the account (if any) in the details. */
    static Optional<String> accountOf(RiskDecision d) {
        String key = d.subjectKey();
        if (!key.contains(":")) {
            return Optional.of(key);
        }
        return Optional.ofNullable(d.details().get("accountId")).filter(a -> !a.isBlank() && !a.contains(":"));
    }

    private static NewDelivery alert(java.util.UUID id, Source source, String account, String template,
                                     Map<String, String> params, Instant occurredAt, SourceRecord record) {
        return new NewDelivery(id, source, account, Channel.EMAIL, null, template, null, params, null, null, true,
                occurredAt, record);
    }

    private static void copy(Map<String, String> from, Map<String, String> to, String... keys) {
        for (String k : keys) {
            putIfPresent(to, k, from.get(k));
        }
    }

    private static void putIfPresent(Map<String, String> to, String key, String value) {
        if (value != null && !value.isBlank()) {
            to.put(key, value);
        }
    }
}
