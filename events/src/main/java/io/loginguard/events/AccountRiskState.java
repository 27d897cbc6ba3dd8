package io.loginguard.events;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Risk's current view of one account. Topic {@code risk.account-state} (compacted), key: the account key.
 * Auth rebuilds its admission projection from it; a withdrawal service reads {@code withdrawalsHeldUntil}.
 * A tombstone (null value) means risk forgot the key: its state is as fresh as an account never seen.
 *
 * @param version                per-account version, one more with every change risk makes (see RiskVerdict)
 * @param checksLeft             admitted password checks left before risk locks the account (while locked: the
 *                               number it gets back when the lock runs out)
 * @param secondFactorChecksLeft admitted second-factor checks left before risk locks the account
 * @param lockedSources          lockout mode account-and-source: the sources ({@link LoginSource#digest}) locked
 *                               when this state was written, each with the end of its lock; null when none. Auth's
 *                               gate refuses them before checking a password
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
        Instant withdrawalsHeldUntil,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long version,
        Integer checksLeft,
        Integer secondFactorChecksLeft,
        SortedMap<String, Instant> lockedSources) implements Event {

    /** A state with no source locked. */
    public AccountRiskState(UUID eventId, Instant occurredAt, String accountKey, int consecutiveFailures,
                            int secondFactorFailures, Instant lockedUntil, long admittedProcessed, Long lastSequence,
                            Set<String> knownCountries, Set<String> knownDevices, String lastLoginCountry,
                            Instant lastLoginAt, Double lastLatitude, Double lastLongitude, boolean stepUpPending,
                            Instant withdrawalsHeldUntil, long version, Integer checksLeft,
                            Integer secondFactorChecksLeft) {
        this(eventId, occurredAt, accountKey, consecutiveFailures, secondFactorFailures, lockedUntil, admittedProcessed,
                lastSequence, knownCountries, knownDevices, lastLoginCountry, lastLoginAt, lastLatitude, lastLongitude,
                stepUpPending, withdrawalsHeldUntil, version, checksLeft, secondFactorChecksLeft, null);
    }

    public AccountRiskState {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(accountKey, "accountKey");
        knownCountries = Canonical.set(knownCountries);
        knownDevices = Canonical.set(knownDevices);
        lockedSources = LoginSource.canonical(lockedSources);
    }

    @Override
    public String key() {
        return accountKey;
    }
}
