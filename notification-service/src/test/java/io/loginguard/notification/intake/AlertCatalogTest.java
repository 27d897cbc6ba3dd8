package io.loginguard.notification.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.RiskDecision;
import io.loginguard.events.SecurityEvent;
import io.loginguard.notification.delivery.NewDelivery;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertCatalogTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:15:30Z");

    private static RiskDecision decision(String subject, RiskDecision.Type type, Map<String, String> details) {
        return new RiskDecision(UUID.randomUUID(), AT, subject, type, null, AT.plusSeconds(1800), details);
    }

    @Test
    void aLockIsToldWithItsTimeUntilAndWhere() {
        RiskDecision d = decision("acc-1", RiskDecision.Type.LOCKED, Map.of("ip", "203.0.113.7", "country", "DE", "deviceId", "d-9"));
        NewDelivery alert = AlertCatalog.of(d, null).orElseThrow();
        assertThat(alert.requestId()).as("the decision's id: a replay sends nothing twice").isEqualTo(d.eventId());
        assertThat(alert.template()).isEqualTo("account-locked");
        assertThat(alert.accountId()).isEqualTo("acc-1");
        assertThat(alert.alert()).isTrue();
        assertThat(alert.params()).containsEntry("time", "2026-12-01 10:15 UTC").containsEntry("until", "2026-12-01 10:45 UTC")
                .containsEntry("ip", "203.0.113.7").containsEntry("country", "DE").containsEntry("device", "d-9");
    }

    @Test
    void onlyDecisionsThatNameAnAccountAndConcernItsOwnerAreTold() {
        assertThat(AlertCatalog.of(decision("ip:203.0.113.7", RiskDecision.Type.IP_THROTTLED, Map.of()), null)).isEmpty();
        assertThat(AlertCatalog.of(decision("ip:203.0.113.7", RiskDecision.Type.IP_THROTTLED, Map.of("accountId", "acc-2")), null))
                .map(NewDelivery::accountId).contains("acc-2");
        assertThat(AlertCatalog.of(decision("unknown:abc", RiskDecision.Type.LOCKED, Map.of()), null)).isEmpty();
        assertThat(AlertCatalog.of(decision("acc-1", RiskDecision.Type.UNLOCKED, Map.of()), null)).isEmpty();
        assertThat(AlertCatalog.of(decision("acc-1", RiskDecision.Type.UNKNOWN, Map.of()), null)).isEmpty();
        for (RiskDecision.Type t : new RiskDecision.Type[] {RiskDecision.Type.NEW_DEVICE, RiskDecision.Type.NEW_LOCATION,
                RiskDecision.Type.STEP_UP_REQUIRED, RiskDecision.Type.WITHDRAWALS_HELD}) {
            assertThat(AlertCatalog.of(decision("acc-1", t, Map.of()), null)).as(t.name()).isPresent();
        }
    }

    @Test
    void aSessionEndIsToldOnlyWhenTheDeviceLimitEndedIt() {
        Optional<NewDelivery> limit = AlertCatalog.of(new SecurityEvent(UUID.randomUUID(), AT, "acc-1",
                SecurityEvent.Type.SESSION_REVOKED, "s", SecurityEvent.SessionEndReason.DEVICE_LIMIT, "198.51.100.1", "dev", Map.of()), null);
        Optional<NewDelivery> logout = AlertCatalog.of(new SecurityEvent(UUID.randomUUID(), AT, "acc-1",
                SecurityEvent.Type.SESSION_REVOKED, "s", SecurityEvent.SessionEndReason.LOGOUT, null, null, Map.of()), null);
        assertThat(limit).map(NewDelivery::template).contains("session-revoked");
        assertThat(limit.orElseThrow().params()).containsEntry("ip", "198.51.100.1").containsEntry("device", "dev");
        assertThat(logout).isEmpty();
    }

    @Test
    void everySecurityChangeThePersonMustKnowOfIsTold() {
        for (SecurityEvent.Type t : new SecurityEvent.Type[] {SecurityEvent.Type.PASSWORD_CHANGED, SecurityEvent.Type.PASSWORD_RESET,
                SecurityEvent.Type.TWO_FACTOR_ENABLED, SecurityEvent.Type.TWO_FACTOR_DISABLED, SecurityEvent.Type.TWO_FACTOR_RESET,
                SecurityEvent.Type.ACCOUNT_FROZEN, SecurityEvent.Type.PHONE_CHANGED, SecurityEvent.Type.PASSKEY_ADDED,
                SecurityEvent.Type.PASSKEY_REMOVED}) {
            assertThat(AlertCatalog.of(new SecurityEvent(UUID.randomUUID(), AT, "acc-1", t, null, null, null, null, Map.of()), null))
                    .as(t.name()).isPresent();
        }
        assertThat(AlertCatalog.of(new SecurityEvent(UUID.randomUUID(), AT, "acc-1", SecurityEvent.Type.SESSION_STARTED,
                null, null, null, null, Map.of()), null)).isEmpty();
    }

    @Test
    void aPasskeyAddedOrRemovedIsToldWithItsName() {
        NewDelivery added = AlertCatalog.of(new SecurityEvent(UUID.randomUUID(), AT, "acc-1", SecurityEvent.Type.PASSKEY_ADDED,
                null, null, null, null, Map.of("passkeyId", "p-1", "name", "Work laptop")), null).orElseThrow();
        assertThat(added.template()).isEqualTo("passkey-added");
        assertThat(added.alert()).isTrue();
        assertThat(added.params()).containsEntry("name", "Work laptop").doesNotContainKey("passkeyId");
        assertThat(AlertCatalog.of(new SecurityEvent(UUID.randomUUID(), AT, "acc-1", SecurityEvent.Type.PASSKEY_REMOVED,
                null, null, null, null, Map.of()), null)).map(NewDelivery::template).contains("passkey-removed");
    }
}
