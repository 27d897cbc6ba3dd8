package io.loginguard.auth.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.auth.config.RedisKeys;
import io.loginguard.events.LoginSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lockout mode account-and-source at the gate, on the real Redis: the sources risk has locked are refused before a
 * password is hashed, until the lock's last millisecond; other sources, second factors and a lift are not.
 */
@QuarkusTest
class SourceLockScriptsTest {
    static final long T = 1_800_000_000_000L;
    static final long TTL = 60_000;
    static final String ATTACKER = LoginSource.digest("attacker-laptop", "203.0.113.9");
    static final String OTHER = LoginSource.digest("attacker-laptop", "203.0.113.10");
    static final String OWNER = LoginSource.digest("owners-phone", "198.51.100.7");

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    String key;
    long version;

    @BeforeEach
    void freshAccount() {
        key = keys.admission(UUID.randomUUID().toString());
        version = T * 1000;
    }

    @Test
    void aLockedSourceIsRefusedUntilItsLastMillisecondAndOnlyIt() {
        long until = T + 1_800_000;
        confirm(version + 1, sources(ATTACKER, until), T);
        assertThat(admit(T + 1, ATTACKER, "p")).isEqualTo("SOURCE_LOCKED 1799999");
        assertThat(admit(until - 1, ATTACKER, "p")).isEqualTo("SOURCE_LOCKED 1");
        assertThat(admit(T + 1, OTHER, "p")).as("the same device from another address").startsWith("ADMITTED");
        assertThat(admit(T + 1, OWNER, "p")).startsWith("ADMITTED");
        assertThat(admit(T + 1, "", "p")).as("no source given").startsWith("ADMITTED");
        assertThat(admit(T + 1, ATTACKER, "s")).as("risk locks sources for passwords only").startsWith("ADMITTED");
        assertThat(admit(until, ATTACKER, "p")).startsWith("ADMITTED");
    }

    @Test
    void aNewerRecordWithoutTheSourceLiftsItAndAnOlderOneChangesNothing() {
        confirm(version + 2, sources(ATTACKER, T + 1_800_000), T);
        confirm(version + 1, "", T + 1); // late: an older version without the lock
        assertThat(admit(T + 2, ATTACKER, "p")).startsWith("SOURCE_LOCKED");
        confirm(version + 3, "", T + 3); // RESTRICTION_LIFTED: a new state with no source locked
        assertThat(hget("sources")).isNull();
        assertThat(admit(T + 4, ATTACKER, "p")).startsWith("ADMITTED");
    }

    @Test
    void aHashWithASourceLockedNeverExpiresAndExpiresOnceTheLockIsOver() {
        long until = T + 1_800_000;
        confirm(version + 1, sources(ATTACKER, until) + sources(OTHER, T + 60_000), T);
        assertThat(redis.execute("PTTL", key).toLong()).isEqualTo(-1);
        confirm(version + 2, sources(ATTACKER, until), until + 1);
        assertThat(redis.execute("PTTL", key).toLong()).isBetween(1L, TTL);
    }

    @Test
    void theGateWritesOnlyDigestsItCanRecogniseIntoTheHash() {
        SortedMap<String, Instant> locked = new TreeMap<>();
        locked.put(ATTACKER, Instant.ofEpochMilli(T + 5));
        locked.put(".*%d(", Instant.ofEpochMilli(T + 6)); // not a digest: never reaches a Lua pattern
        assertThat(AdmissionGate.sources(locked)).isEqualTo(ATTACKER + "=" + (T + 5) + ";");
        assertThat(AdmissionGate.sources(null)).isEmpty();
    }

    private static String sources(String digest, long until) {
        return digest + "=" + until + ";";
    }

    private String admit(long now, String source, String stage) {
        Response r = redis.execute("EVAL", GateScripts.ADMIT, "1", key, Long.toString(now), "10000", "1", "300000",
                "5", "5", "0", "10000", Long.toString(TTL), "1", "0", "t", stage, source);
        return r.get(1).toString() + " " + r.get(2).toLong();
    }

    private void confirm(long v, String lockedSources, long now) {
        redis.execute("EVAL", GateScripts.CONFIRM, "1", key, "", Long.toString(v), "0", "5", "0", Long.toString(now),
                Long.toString(TTL), "0", "0", "3", lockedSources);
    }

    private String hget(String field) {
        Response r = redis.execute("HGET", key, field);
        return r == null ? null : r.toString();
    }
}
