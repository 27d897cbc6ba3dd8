package io.loginguard.risk.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The risk service's configuration, {@code loginguard.risk.*}. Defaults are the seeds' numbers; keep them in
 * step with {@link RiskSettings#defaults()} (RiskConfigTest checks that they are).
 */
@ConfigMapping(prefix = "loginguard.risk")
public interface RiskConfig {

    Lockout lockout();

    SecondFactor secondFactor();

    Geo geo();

    IpChanges ipChanges();

    Devices devices();

    Holds holds();

    Idempotence idempotence();

    IpThrottle ipThrottle();

    /**
     * Where Kafka Streams keeps its RocksDB stores (env LOGINGUARD_RISK_STATE_DIR); read by
     * {@code kafka-streams.state.dir}. One directory per running instance.
     */
    @WithDefault("${java.io.tmpdir}/loginguard-risk-state")
    String stateDir();

    /** Replication of the changelog topics (env LOGINGUARD_RISK_REPLICATION_FACTOR): 1 locally, 3 in production. */
    @WithDefault("1")
    int replicationFactor();

    /** The stream consumer's session timeout: how long a restart waits for the old member (ms). */
    @WithDefault("10000")
    int sessionTimeoutMs();

    /** Identifiers with no account ({@code unknown:...} keys): attackers choose how many there are. */
    UnknownKey unknownKey();

    interface UnknownKey {
        /** Forget such a key's state after this long without an attempt (unless it is locked). */
        @WithDefault("PT24H")
        Duration idle();

        /** How often, in stream time, idle keys are deleted from the store and tombstoned. */
        @WithDefault("PT1H")
        Duration sweep();
    }

    /** Password lockout. */
    interface Lockout {
        /** Consecutive password failures that lock the account. */
        @WithDefault("5")
        int threshold();

        /** How long the lock lasts, from the failure that engaged it. */
        @WithDefault("PT30M")
        Duration duration();

        /** Whether each attempt during a lock extends it (one seed describes about 2 h). */
        @WithDefault("false")
        boolean extendOnAttemptDuringLock();

        /** With extension on: the lock lasts at least this long after the latest attempt during it. */
        @WithDefault("PT2H")
        Duration extension();

        /** {@code account} (every failure counts against the account) or {@code account-and-source}. */
        @WithDefault("account")
        LockoutMode mode();

        /** Mode account-and-source: failures from unknown sources, all together, that lock the account. */
        @WithDefault("20")
        int unknownSourceFailureCap();

        /** Mode account-and-source: unknown sources remembered per account. */
        @WithDefault("64")
        int maxTrackedSources();
    }

    /** Cross-border logins and impossible travel. */
    interface Geo {
        /** Completed step-ups from a country after which it is known. */
        @WithDefault("3")
        int cleanLoginsToTrust();

        /** Faster than this between two successful logins is impossible travel (km/h). */
        @WithDefault("1000")
        double impossibleTravelSpeedKmh();

        /** Shorter distances than this are never impossible travel (km): geo-IP is that coarse. */
        @WithDefault("200")
        double impossibleTravelMinDistanceKm();
    }

    /** Frequent IP changes among successful logins. */
    interface IpChanges {
        @WithDefault("3")
        int maxDistinctIps();

        @WithDefault("PT1H")
        Duration window();
    }

    /** Device novelty. */
    interface Devices {
        /** Devices remembered per account; the least recently used is forgotten first. */
        @WithDefault("20")
        int maxKnown();
    }

    /** Withdrawal holds. */
    interface Holds {
        @WithDefault("P7D")
        Duration twoFactorReset();

        @WithDefault("PT24H")
        Duration passwordReset();
    }

    /** Repeated attempts (the same attemptId). */
    interface Idempotence {
        /** Attempt ids remembered per account: a repeat among them is answered with the verdict it had. */
        @WithDefault("32")
        int rememberedAttempts();
    }

    /** IP throttling: too many attempts, or too many accounts, from one address in a sliding window. */
    interface IpThrottle {
        @WithDefault("true")
        boolean enabled();

        /** Password-stage attempts from one address within the window that throttle it. */
        @WithDefault("20")
        int maxAttempts();

        /** Distinct account keys attempted from one address within the window that throttle it. */
        @WithDefault("10")
        int maxAccounts();

        @WithDefault("PT10M")
        Duration window();

        /** How long the address stays throttled, from the attempt that reached a limit. */
        @WithDefault("PT30M")
        Duration duration();

        /** IPv6 addresses are counted per prefix of this length. */
        @WithDefault("64")
        int ipv6PrefixLength();
    }

    /** Second-factor failures, counted apart from password failures. */
    interface SecondFactor {
        @WithDefault("5")
        int threshold();

        @WithDefault("PT30M")
        Duration lockDuration();
    }

    default RiskSettings toSettings() {
        return new RiskSettings(new LockoutSettings(
                lockout().threshold(),
                lockout().duration(),
                lockout().extendOnAttemptDuringLock(),
                lockout().extension(),
                secondFactor().threshold(),
                secondFactor().lockDuration()),
                unknownKey().idle(),
                unknownKey().sweep(),
                new SourceLockoutSettings(lockout().mode(), lockout().unknownSourceFailureCap(),
                        lockout().maxTrackedSources()),
                new GeoSettings(geo().cleanLoginsToTrust(), geo().impossibleTravelSpeedKmh(),
                        geo().impossibleTravelMinDistanceKm()),
                new IpChangeSettings(ipChanges().maxDistinctIps(), ipChanges().window()),
                devices().maxKnown(),
                new HoldSettings(holds().twoFactorReset(), holds().passwordReset()),
                idempotence().rememberedAttempts(),
                new IpThrottleSettings(ipThrottle().enabled(), ipThrottle().maxAttempts(), ipThrottle().maxAccounts(),
                        ipThrottle().window(), ipThrottle().duration(), ipThrottle().ipv6PrefixLength()));
    }
}
