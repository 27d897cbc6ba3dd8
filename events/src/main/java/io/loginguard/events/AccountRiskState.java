package io.loginguard.events;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Risk's current view of one account. Topic {@code risk.account-state} (compacted), key: the account key.
 * Auth rebuilds its admission projection from it; a withdrawal service reads {@code withdrawalsHeldUntil}.
 */
public record AccountRiskState(
        UUID eventId,
        Instant occurredAt,
        String accountKey,
        int consecutiveFailures,
        int secondFactorFailures,
        Instant lockedUntil,
        long admittedProcessed,
        Long lastSequence,
        Set<String> knownCountries,
        Set<String> knownDevices,
        String lastLoginCountry,
        Instant lastLoginAt,
        Double lastLatitude,
        Double lastLongitude,
        boolean stepUpPending,
        Instant withdrawalsHeldUntil) implements Event {

    public AccountRiskState {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(accountKey, "accountKey");
        knownCountries = Canonical.set(knownCountries);
        knownDevices = Canonical.set(knownDevices);
    }

    @Override
    public String key() {
        return accountKey;
    }
}
