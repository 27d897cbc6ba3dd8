package io.loginguard.risk.engine;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.risk.lockout.SourceLedger;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What risk remembers about an account beyond the published {@link io.loginguard.events.AccountRiskState}: the
 * rules' working data. Kept in the account's entry of the store {@code account-risk} (internal, never a contract);
 * sorted maps, so its changelog's JSON is the same on every JVM.
 *
 * @param sources            mode account-and-source: unknown sources' failures and locks
 * @param devices            known device id → its latest successful login
 * @param loginIps           address → its latest successful password login, within the IP-change window
 * @param countryCleanLogins country → completed step-ups from it, until it becomes known
 * @param pendingCountry     the country of the latest login stepped up as new, which an identity confirmation trusts
 * @param frozen             the account is FROZEN (auth.accounts) and not reactivated since
 * @param accountVersion     the version of the newest account snapshot applied
 * @param holds              withdrawal holds in force, by cause → end
 * @param recentAttempts     the latest inputs applied (attempts and the account's other events), oldest first, whose
 *                           outputs are kept: one of them read again is not applied twice
 */
public record RiskProfile(
        SourceLedger sources,
        SortedMap<String, Instant> devices,
        SortedMap<String, Instant> loginIps,
        SortedMap<String, Integer> countryCleanLogins,
        String pendingCountry,
        boolean frozen,
        long accountVersion,
        SortedMap<String, Instant> holds,
        RecentInputs recentAttempts,
        AccountSnapshot.RiskPolicy policy) {

    public static final RiskProfile EMPTY = new RiskProfile(null, null, null, null, null, false, 0, null, null, null);

    public RiskProfile {
        sources = sources == null ? SourceLedger.EMPTY : sources;
        devices = sorted(devices);
        loginIps = sorted(loginIps);
        countryCleanLogins = sorted(countryCleanLogins);
        holds = sorted(holds);
        recentAttempts = recentAttempts == null ? RecentInputs.EMPTY : recentAttempts;
    }

    private static <V> SortedMap<String, V> sorted(SortedMap<String, V> map) {
        return Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }

    /** The remembered input with this id, or null. */
    public RecentInputs.Entry remembered(UUID inputId) {
        return recentAttempts.find(inputId);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A changed copy, field by field. */
    public static final class Builder {
        private SourceLedger sources;
        private SortedMap<String, Instant> devices;
        private SortedMap<String, Instant> loginIps;
        private SortedMap<String, Integer> countryCleanLogins;
        private String pendingCountry;
        private boolean frozen;
        private long accountVersion;
        private SortedMap<String, Instant> holds;
        private RecentInputs recentAttempts;
        private AccountSnapshot.RiskPolicy policy;

        private Builder(RiskProfile p) {
            sources = p.sources;
            devices = p.devices;
            loginIps = p.loginIps;
            countryCleanLogins = p.countryCleanLogins;
            pendingCountry = p.pendingCountry;
            frozen = p.frozen;
            accountVersion = p.accountVersion;
            holds = p.holds;
            recentAttempts = p.recentAttempts;
            policy = p.policy;
        }

        public Builder policy(AccountSnapshot.RiskPolicy value) {
            policy = value;
            return this;
        }

        public Builder sources(SourceLedger value) {
            sources = value;
            return this;
        }

        public Builder devices(SortedMap<String, Instant> value) {
            devices = value;
            return this;
        }

        /** The sources locked at {@code at} that auth's gate should refuse (see {@link SourceLedger#lockedAt}). */
        SortedMap<String, Instant> lockedSourcesAt(Instant at) {
            SourceLedger ledger = sources == null ? SourceLedger.EMPTY : sources;
            return ledger.lockedAt(at, devices == null ? Set.of() : devices.keySet());
        }

        public Builder loginIps(SortedMap<String, Instant> value) {
            loginIps = value;
            return this;
        }

        public Builder countryCleanLogins(SortedMap<String, Integer> value) {
            countryCleanLogins = value;
            return this;
        }

        public Builder pendingCountry(String value) {
            pendingCountry = value;
            return this;
        }

        public Builder frozen(boolean value) {
            frozen = value;
            return this;
        }

        public Builder accountVersion(long value) {
            accountVersion = value;
            return this;
        }

        public Builder holds(SortedMap<String, Instant> value) {
            holds = value;
            return this;
        }

        public Builder recentAttempts(RecentInputs value) {
            recentAttempts = value;
            return this;
        }

        public RiskProfile build() {
            return new RiskProfile(sources, devices, loginIps, countryCleanLogins, pendingCountry, frozen,
                    accountVersion, holds, recentAttempts, policy);
        }
    }
}
