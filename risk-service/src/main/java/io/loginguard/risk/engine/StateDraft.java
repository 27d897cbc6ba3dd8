package io.loginguard.risk.engine;

import io.loginguard.events.AccountRiskState;
import java.time.Instant;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

/**
 * A changed copy of an {@link AccountRiskState}: the lockout writes the counters, the other rules then fill in their
 * own fields (known countries and devices, last login place, step-up, holds) on the same record and version.
 */
final class StateDraft {
    private final AccountRiskState base;
    private UUID eventId;
    private Instant occurredAt;
    private long version;
    private Set<String> knownCountries;
    private Set<String> knownDevices;
    private String lastLoginCountry;
    private Instant lastLoginAt;
    private Double lastLatitude;
    private Double lastLongitude;
    private boolean stepUpPending;
    private Instant withdrawalsHeldUntil;
    private SortedMap<String, Instant> lockedSources;

    StateDraft(AccountRiskState base) {
        this.base = base;
        eventId = base.eventId();
        occurredAt = base.occurredAt();
        version = base.version();
        knownCountries = base.knownCountries();
        knownDevices = base.knownDevices();
        lastLoginCountry = base.lastLoginCountry();
        lastLoginAt = base.lastLoginAt();
        lastLatitude = base.lastLatitude();
        lastLongitude = base.lastLongitude();
        stepUpPending = base.stepUpPending();
        withdrawalsHeldUntil = base.withdrawalsHeldUntil();
        lockedSources = base.lockedSources();
    }

    /** A new state record of the same account: a new id, time and version. */
    StateDraft stamped(UUID id, Instant at, long newVersion) {
        eventId = id;
        occurredAt = at;
        version = newVersion;
        return this;
    }

    StateDraft knownCountries(Set<String> value) {
        knownCountries = value;
        return this;
    }

    StateDraft knownDevices(Set<String> value) {
        knownDevices = value;
        return this;
    }

    StateDraft lastLogin(String country, Instant at, Double latitude, Double longitude) {
        lastLoginCountry = country;
        lastLoginAt = at;
        lastLatitude = latitude;
        lastLongitude = longitude;
        return this;
    }

    StateDraft stepUpPending(boolean value) {
        stepUpPending = value;
        return this;
    }

    StateDraft withdrawalsHeldUntil(Instant value) {
        withdrawalsHeldUntil = value;
        return this;
    }

    StateDraft lockedSources(SortedMap<String, Instant> value) {
        lockedSources = value;
        return this;
    }

    AccountRiskState base() {
        return base;
    }

    AccountRiskState build() {
        return new AccountRiskState(eventId, occurredAt, base.accountKey(), base.consecutiveFailures(),
                base.secondFactorFailures(), base.lockedUntil(), base.admittedProcessed(), base.lastSequence(),
                knownCountries, knownDevices, lastLoginCountry, lastLoginAt, lastLatitude, lastLongitude, stepUpPending,
                withdrawalsHeldUntil, version, base.checksLeft(), base.secondFactorChecksLeft(), lockedSources);
    }
}
