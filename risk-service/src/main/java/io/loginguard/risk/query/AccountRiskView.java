package io.loginguard.risk.query;

import io.loginguard.events.AccountRiskState;
import io.loginguard.risk.engine.RiskProfile;
import io.loginguard.risk.lockout.SourceLedger.SourceStanding;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What risk holds about one account, as the stores have it: the values are those of the last event risk applied
 * (a lock or hold whose end has passed is cleared by the account's next event, not by this query).
 */
public record AccountRiskView(
        String accountKey,
        long version,
        Instant updatedAt,
        Counters counters,
        Instant lockedUntil,
        SortedMap<String, SourceView> lockedSources,
        Set<String> knownCountries,
        Set<String> knownDevices,
        String pendingCountry,
        boolean stepUpPending,
        LastLogin lastLogin,
        Instant withdrawalsHeldUntil,
        SortedMap<String, Instant> holds,
        boolean frozen) {

    public record Counters(int consecutiveFailures, int secondFactorFailures, Integer checksLeft,
                           Integer secondFactorChecksLeft, int unknownSourceFailures, long admittedProcessed,
                           Long lastSequence) {
    }

    public record SourceView(int failures, Instant lockedUntil, Instant lastSeen) {
    }

    public record LastLogin(String country, Instant at, Double latitude, Double longitude) {
    }

    public static AccountRiskView of(AccountRiskState state, RiskProfile profile) {
        RiskProfile p = profile == null ? RiskProfile.EMPTY : profile;
        SortedMap<String, SourceView> sources = new TreeMap<>();
        for (Map.Entry<String, SourceStanding> e : p.sources().sources().entrySet()) {
            SourceStanding s = e.getValue();
            sources.put(e.getKey(), new SourceView(s.failures(), s.lockedUntil(), s.lastSeen()));
        }
        Counters counters = new Counters(state.consecutiveFailures(), state.secondFactorFailures(), state.checksLeft(),
                state.secondFactorChecksLeft(), p.sources().unknownSourceFailures(), state.admittedProcessed(),
                state.lastSequence());
        LastLogin last = state.lastLoginAt() == null ? null : new LastLogin(state.lastLoginCountry(),
                state.lastLoginAt(), state.lastLatitude(), state.lastLongitude());
        return new AccountRiskView(state.accountKey(), state.version(), state.occurredAt(), counters,
                state.lockedUntil(), sources, state.knownCountries(), state.knownDevices(), p.pendingCountry(),
                state.stepUpPending(), last, state.withdrawalsHeldUntil(), p.holds(), p.frozen());
    }

}
