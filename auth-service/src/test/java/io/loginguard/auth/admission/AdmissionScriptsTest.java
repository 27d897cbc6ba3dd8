package io.loginguard.auth.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.auth.config.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gate's Lua scripts on the real Redis, with the clock, the watermark and risk's numbers in the test's hands. */
@QuarkusTest
class AdmissionScriptsTest {
    static final long T = 1_800_000_000_000L;
    static final long SEQ0 = T * 1000;
    static final long CONFIRM_TIMEOUT = 10_000;
    static final long LOST = 300_000;
    static final long GRACE = 10_000;
    static final long TTL = 60_000;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    String key;
    long version;
    /** The token the next ADMIT is made with (each node call has its own). */
    String token = "t0";

    @BeforeEach
    void freshAccount() {
        key = keys.admission(UUID.randomUUID().toString());
        version = SEQ0;
    }

    @Test
    void attemptsInFlightCountAsFailures() {
        for (int i = 0; i < 5; i++) {
            assertThat(admit(T)).isEqualTo("ADMITTED " + (SEQ0 + i));
        }
        assertThat(admit(T + 1)).isEqualTo("AT_THRESHOLD 1000");
    }

    @Test
    void sequenceNumbersOnlyGrowAndARecreatedHashNeverReissuesOne() {
        assertThat(admit(T)).isEqualTo("ADMITTED " + SEQ0);
        assertThat(admit(T)).isEqualTo("ADMITTED " + (SEQ0 + 1));
        redis.execute("DEL", key);
        // the hash is gone (say, a failover): numbering starts from the clock, after everything issued before
        assertThat(admit(T + 1)).isEqualTo("ADMITTED " + (SEQ0 + 1000));
    }

    @Test
    void eachVerdictAnswersItsOwnAttemptAndRisksNumbersRule() {
        long[] seq = new long[5];
        for (int i = 0; i < 5; i++) {
            seq[i] = admitted(T);
            published(seq[i], T);
        }
        // risk answered the first three: three failures, two checks left; two attempts still in flight
        for (int i = 0; i < 3; i++) {
            verdict(seq[i], i + 1, 5 - (i + 1), 0, T + 1);
        }
        assertThat(admit(T + 2)).isEqualTo("AT_THRESHOLD 1000");
        // the fourth was the right password: the streak ends, and only the fifth is still in flight
        verdict(seq[3], 0, 5, 0, T + 3);
        for (int i = 0; i < 4; i++) {
            assertThat(admit(T + 4)).startsWith("ADMITTED");
        }
        assertThat(admit(T + 4)).isEqualTo("AT_THRESHOLD 1000");
    }

    @Test
    void confirmedSuccessesFreeTheirSlots() {
        long[] seq = new long[5];
        for (int i = 0; i < 5; i++) {
            seq[i] = admitted(T);
        }
        for (long s : seq) {
            verdict(s, 0, 5, 0, T + 1);
        }
        assertThat(admit(T + 2)).startsWith("ADMITTED");
    }

    @Test
    void aLockRefusesUntilItsLastMillisecondAndNotAfter() {
        long until = T + 1_800_000;
        long s = admitted(T);
        verdict(s, 0, 5, until, T);
        assertThat(admit(until - 1)).isEqualTo("LOCKED 1");
        assertThat(admit(T + 1)).isEqualTo("LOCKED 1799999");
        assertThat(admit(until)).startsWith("ADMITTED");
    }

    @Test
    void theThresholdIsRisksAndAuthsNumberIsOnlyACeiling() {
        // risk locks after 3: a fresh account gets exactly 3 checks although auth's ceiling is 5
        for (int i = 0; i < 3; i++) {
            assertThat(admit(T, 0, 3, 5)).startsWith("ADMITTED");
        }
        assertThat(admit(T, 0, 3, 5)).isEqualTo("AT_THRESHOLD 1000");
        // risk allows 7: at most 5 in flight at once, and the rest once risk has answered them
        key = keys.admission(UUID.randomUUID().toString());
        long[] seq = new long[5];
        for (int i = 0; i < 5; i++) {
            seq[i] = Long.parseLong(admit(T, 0, 7, 5).split(" ")[1]);
        }
        assertThat(admit(T, 0, 7, 5)).isEqualTo("AT_THRESHOLD 1000");
        for (int i = 0; i < 5; i++) {
            verdict(seq[i], i + 1, 7 - (i + 1), 0, T);
        }
        assertThat(admit(T, 0, 7, 5)).startsWith("ADMITTED");
        assertThat(admit(T, 0, 7, 5)).startsWith("ADMITTED");
        assertThat(admit(T, 0, 7, 5)).isEqualTo("AT_THRESHOLD 1000");
    }

    @Test
    void withNoThresholdKnownFromRiskNothingIsAdmittedBlind() {
        assertThat(admit(T, 0, -1, 5)).isEqualTo("RISK_UNAVAILABLE 1000");
    }

    @Test
    void publishedAttemptsRiskDoesNotAnswerFailClosedOrOpenAsConfigured() {
        published(admitted(T), T);
        assertThat(admit(T + CONFIRM_TIMEOUT)).startsWith("ADMITTED");
        assertThat(admit(T + CONFIRM_TIMEOUT + 1)).isEqualTo("RISK_UNAVAILABLE 1000");
        // fail open: the published-but-unanswered attempt is ignored, the unpublished second one still counts
        assertThat(run(T + CONFIRM_TIMEOUT + 1, false, 0, 5, 5, "1")).startsWith("ADMITTED");
    }

    @Test
    void aRiskOutageNeverReopensTheGateHoweverLongItLasts() {
        published(admitted(T), T);
        published(admitted(T), T);
        // no heartbeat answered since: the pipeline has not moved past them
        assertThat(admit(T + LOST + 1, T - 1, 5, 5)).isEqualTo("RISK_UNAVAILABLE 1000");
        assertThat(admit(T + 100 * LOST, T - 1, 5, 5)).isEqualTo("RISK_UNAVAILABLE 1000");
    }

    @Test
    void anAttemptThePipelineHasPassedUnansweredIsGivenUp() {
        // risk dead-lettered it, Kafka lost it, or the cluster was replaced: heartbeats through the same
        // partition, sent after it, come back, and it never will
        for (int i = 0; i < 5; i++) {
            published(admitted(T), T);
        }
        assertThat(admitFull(T + CONFIRM_TIMEOUT + 1, T + GRACE - 1)).isEqualTo("RISK_UNAVAILABLE 1000 0");
        assertThat(admitFull(T + CONFIRM_TIMEOUT + 1, T + GRACE)).matches("ADMITTED \\d+ 5");
    }

    @Test
    void anUnpublishedAttemptCountsAsAFailureUntilItIsGivenUp() {
        for (int i = 0; i < 5; i++) {
            admitted(T); // admitted, but no event ever reached the broker
        }
        assertThat(admit(T + CONFIRM_TIMEOUT + 1)).isEqualTo("AT_THRESHOLD 1000");
        assertThat(admit(T + LOST)).isEqualTo("AT_THRESHOLD 1000");
        assertThat(admitFull(T + LOST + 1, 0)).matches("ADMITTED \\d+ 5");
    }

    @Test
    void aVerdictForAnAttemptWhosePublicationLookedLostStillAnswersIt() {
        long s = admitted(T); // the broker's acknowledgement was lost, but the event arrived
        verdict(s, 1, 4, 0, T + 5);
        assertThat(admitFull(T + LOST + 1, 0)).matches("ADMITTED \\d+ 0");
    }

    @Test
    void aLateVerdictNeverUndoesANewerOne() {
        long a = admitted(T);
        long b = admitted(T);
        long newer = version + 10;
        confirm(String.valueOf(b), newer, 2, 3, 0, T + 1);
        confirm(String.valueOf(a), newer - 5, 1, 4, T + 1_800_000, T + 2); // older: its lock is not taken
        assertThat(admit(T + 3)).startsWith("ADMITTED");
        assertThat(hget("left")).isEqualTo("3");
    }

    @Test
    void risksCountRunningAheadNeverForgetsAttemptsInFlight() {
        // the hash is fresh while risk has processed 40 attempts: in-flight ones still count
        long s1 = admitted(T);
        long s2 = admitted(T);
        version += 40_000;
        confirm("", version, 3, 2, 0, T + 1); // a state record: three failures, two left
        assertThat(admit(T + 2)).isEqualTo("AT_THRESHOLD 1000");
        verdict(s1, 4, 1, 0, T + 3);
        assertThat(admit(T + 4)).isEqualTo("AT_THRESHOLD 1000"); // s2 still in flight, one left
        assertThat(s2).isGreaterThan(s1);
    }

    @Test
    void aLockLiftedByAStateRecordAloneReopensTheGate() {
        long s = admitted(T);
        verdict(s, 0, 5, T + 1_800_000, T);
        assertThat(admit(T + 1)).startsWith("LOCKED");
        confirm("", version + 1, 0, 5, 0, T + 2); // RESTRICTION_LIFTED: a new state, no attempt
        assertThat(admit(T + 3)).startsWith("ADMITTED");
    }

    @Test
    void aMissingHashIsReportedSoTheCallerCanTellNewFromLost() {
        assertThat(run(T, true, 0, 5, 5, "0")).isEqualTo("NO_STATE 1000");
        assertThat(redis.execute("EXISTS", key).toInteger()).isZero();
    }

    @Test
    void aHashThatRemembersSomethingNeverExpiresAndACleanOneDoes() {
        long s = admitted(T);
        assertThat(redis.execute("PTTL", key).toLong()).isEqualTo(-1); // in flight
        verdict(s, 1, 4, 0, T);
        assertThat(redis.execute("PTTL", key).toLong()).isEqualTo(-1); // a failure streak
        confirm("", version + 1, 0, 5, 0, T);
        assertThat(redis.execute("PTTL", key).toLong()).isBetween(1L, TTL);
    }

    @Test
    void theHashOfAnIdentifierWithNoAccountAlwaysExpires() {
        key = keys.admission("unknown:" + UUID.randomUUID());
        confirm("", version + 1, 4, 1, 0, T, "1");
        assertThat(redis.execute("PTTL", key).toLong()).isBetween(1L, TTL);
    }

    @Test
    void tenThousandUnknownIdentifiersLeaveNoKeyAfterTheirTtl() {
        // long enough that the loop (20,000 round trips, slow on a busy machine: it took over 20 s once while a whole
        // stack was being built beside it) ends before the first key expires
        String unknownTtlMs = "45000";
        String tag = "unknown:bulk-" + UUID.randomUUID() + "-";
        long now = System.currentTimeMillis();
        for (int i = 0; i < 10_000; i++) {
            String k = keys.admission(tag + i);
            Response r = redis.execute("EVAL", GateScripts.ADMIT, "1", k, Long.toString(now), Long.toString(CONFIRM_TIMEOUT),
                    "1", Long.toString(LOST), "5", "5", "0", Long.toString(GRACE), unknownTtlMs, "1", "1", "bulk");
            assertThat(r.get(1).toString()).isEqualTo("ADMITTED");
            if (i % 2 == 0) { // half of them with a failure streak risk reported: bounded all the same
                redis.execute("EVAL", GateScripts.CONFIRM, "1", k, Long.toString(r.get(2).toLong()),
                        Long.toString(SEQ0 + i), "1", "4", "0", Long.toString(now), unknownTtlMs, "1");
            }
        }
        assertThat(countKeys(keys.prefix() + "{" + tag + "*")).isEqualTo(10_000);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                .until(() -> countKeys(keys.prefix() + "{" + tag + "*") == 0);
    }

    private long countKeys(String pattern) {
        long count = 0;
        String cursor = "0";
        do {
            Response page = redis.execute("SCAN", cursor, "MATCH", pattern, "COUNT", "5000");
            cursor = page.get(0).toString();
            count += page.get(1).size();
        } while (!cursor.equals("0"));
        return count;
    }

    @Test
    void aTombstoneForgetsRisksViewButKeepsTheNumbering() {
        long s = admitted(T);
        verdict(s, 4, 1, 0, T);
        redis.execute("EVAL", GateScripts.FORGET, "1", key, Long.toString(T), Long.toString(TTL), "0");
        assertThat(hget("failures")).isNull();
        assertThat(hget("seq")).isEqualTo(Long.toString(s));
        assertThat(redis.execute("PTTL", key).toLong()).isBetween(1L, TTL);
    }

    @Test
    void anAdmissionWhoseReplyWasLostIsReleasedByItsTokenAndNoOtherSlot() {
        token = "lost";
        long lost = admitted(T); // the node's call timed out, but Redis ran it
        token = "other";
        long other = admitted(T);
        assertThat(release("", "lost")).isEqualTo(1);
        assertThat(hget("f:" + lost)).isNull();
        assertThat(hget("f:" + other)).isNotNull();
        assertThat(release("", "lost")).as("releasing again frees nothing").isZero();
        published(other, T);
        assertThat(release("", "other")).as("a published slot is never freed: risk may count it").isZero();
        assertThat(hget("seq")).as("the number stays issued").isEqualTo(Long.toString(other));
    }

    @Test
    void aSendTheProducerNeverGotFreesItsSlotAtOnce() {
        for (int i = 0; i < 4; i++) {
            admitted(T);
        }
        long unsent = admitted(T);
        assertThat(admit(T)).isEqualTo("AT_THRESHOLD 1000");
        assertThat(release(Long.toString(unsent), "")).isEqualTo(1);
        assertThat(admit(T)).startsWith("ADMITTED");
    }

    @Test
    void aSendOfUnknownFateWaitsUntilThePipelineHasPassedTheProducersDeadline() {
        long s = admitted(T);
        long writableUntil = T + 2_000;
        published(s, writableUntil); // the send timed out; the producer may still write it until then
        assertThat(admitFull(T + 3_000, writableUntil + GRACE - 1)).matches("ADMITTED \\d+ 0");
        assertThat(hget("f:" + s)).isNotNull();
        assertThat(admitFull(T + 3_000, writableUntil + GRACE)).matches("ADMITTED \\d+ 1");
        assertThat(hget("f:" + s)).isNull();
    }

    @Test
    void aSlotWrittenBeforeTokensIsStillReadAndPublished() {
        long s = SEQ0 + 7;
        redis.execute("HSET", key, "seq", Long.toString(s), "f:" + s, T + ":0");
        published(s, T + 1);
        assertThat(hget("f:" + s)).isEqualTo(T + ":" + (T + 1) + ":");
        assertThat(admitFull(T + 2, T + 1 + GRACE)).matches("ADMITTED \\d+ 1");
    }

    @Test
    void secondFactorChecksAreCountedApartFromPasswordsUnderOneLock() {
        for (int i = 0; i < 5; i++) {
            admitted(T);
        }
        assertThat(admit(T)).isEqualTo("AT_THRESHOLD 1000");
        long[] codes = new long[3];
        for (int i = 0; i < 3; i++) {
            codes[i] = Long.parseLong(admitSecond(T, 3).split(" ")[1]); // risk's second-factor threshold: 3
        }
        assertThat(admitSecond(T, 3)).isEqualTo("AT_THRESHOLD 1000");
        assertThat(hget("f:" + codes[0])).isNull();
        assertThat(hget("s:" + codes[0])).isNotNull();
        // risk answers one wrong code: one second-factor failure, two checks left, nothing of the password's
        version++;
        redis.execute("EVAL", GateScripts.CONFIRM, "1", key, Long.toString(codes[0]), Long.toString(version), "0", "5",
                "0", Long.toString(T), Long.toString(TTL), "0", "1", "2");
        assertThat(hget("s:" + codes[0])).isNull();
        assertThat(hget("failures2")).isEqualTo("1");
        assertThat(hget("left2")).isEqualTo("2");
        assertThat(admitSecond(T, 3)).as("two in flight, two left").isEqualTo("AT_THRESHOLD 1000");
        // a lock from second-factor failures refuses both stages
        version++;
        redis.execute("EVAL", GateScripts.CONFIRM, "1", key, Long.toString(codes[1]), Long.toString(version), "0", "5",
                Long.toString(T + 60_000), Long.toString(T), Long.toString(TTL), "0", "0", "3");
        assertThat(admit(T + 1)).startsWith("LOCKED");
        assertThat(admitSecond(T + 1, 3)).startsWith("LOCKED");
    }

    @Test
    void aStateRecordThatOvertakesTheVerdictAnswersTheAttemptItIncludes() {
        long[] seq = new long[4];
        for (int i = 0; i < 4; i++) {
            seq[i] = admitted(T);
            published(seq[i], T);
        }
        for (int i = 0; i < 3; i++) {
            verdict(seq[i], i + 1, 5 - (i + 1), 0, T + 1);
        }
        // risk's state after the fourth failure arrives before its verdict: four failures, one check left
        version++;
        long stateVersion = version;
        confirm("", stateVersion, 4, 1, 0, T + 2);
        assertThat(admit(T + 3)).as("without the answered sequence, the fourth counts twice")
                .isEqualTo("AT_THRESHOLD 1000");
        confirm(Long.toString(seq[3]), stateVersion, 4, 1, 0, T + 2); // as the gate applies state records now
        assertThat(admit(T + 3)).as("the fifth check is the account's own").startsWith("ADMITTED");
        assertThat(admit(T + 3)).isEqualTo("AT_THRESHOLD 1000");
    }

    private String admitSecond(long now, int defaultLeft) {
        Response r = redis.execute("EVAL", GateScripts.ADMIT, "1", key, Long.toString(now), Long.toString(CONFIRM_TIMEOUT),
                "1", Long.toString(LOST), "5", Integer.toString(defaultLeft), "0", Long.toString(GRACE),
                Long.toString(TTL), "1", "0", token, "s");
        return r.get(1).toString() + " " + r.get(2).toLong();
    }

    private long admitted(long now) {
        String r = admit(now);
        assertThat(r).startsWith("ADMITTED");
        return Long.parseLong(r.split(" ")[1]);
    }

    private String admit(long now) {
        return admit(now, 0, 5, 5);
    }

    private String admit(long now, long watermark, int defaultLeft, int ceiling) {
        return run(now, true, watermark, defaultLeft, ceiling, "1");
    }

    private String admitFull(long now, long watermark) {
        Response r = exec(now, true, watermark, 5, 5, "1");
        return r.get(1).toString() + " " + r.get(2).toLong() + " " + r.get(3).toLong();
    }

    private String run(long now, boolean failClosed, long watermark, int defaultLeft, int ceiling, String create) {
        Response r = exec(now, failClosed, watermark, defaultLeft, ceiling, create);
        return r.get(1).toString() + " " + r.get(2).toLong();
    }

    private Response exec(long now, boolean failClosed, long watermark, int defaultLeft, int ceiling, String create) {
        return redis.execute("EVAL", GateScripts.ADMIT, "1", key, Long.toString(now), Long.toString(CONFIRM_TIMEOUT),
                failClosed ? "1" : "0", Long.toString(LOST), Integer.toString(ceiling), Integer.toString(defaultLeft),
                Long.toString(watermark), Long.toString(GRACE), Long.toString(TTL), create, "0", token);
    }

    private long release(String seq, String byToken) {
        return redis.execute("EVAL", GateScripts.RELEASE, "1", key, seq, byToken, Long.toString(T), Long.toString(TTL), "0")
                .toLong();
    }

    private void published(long seq, long now) {
        redis.execute("EVAL", GateScripts.PUBLISHED, "1", key, Long.toString(seq), Long.toString(now));
    }

    private void verdict(long seq, int failures, int left, long lockedUntil, long now) {
        version++;
        confirm(Long.toString(seq), version, failures, left, lockedUntil, now);
    }

    private void confirm(String seq, long v, int failures, int left, long lockedUntil, long now) {
        confirm(seq, v, failures, left, lockedUntil, now, "0");
    }

    private void confirm(String seq, long v, int failures, int left, long lockedUntil, long now, String force) {
        redis.execute("EVAL", GateScripts.CONFIRM, "1", key, seq, Long.toString(v), Integer.toString(failures),
                Integer.toString(left), Long.toString(lockedUntil), Long.toString(now), Long.toString(TTL), force);
    }

    private String hget(String field) {
        Response r = redis.execute("HGET", key, field);
        return r == null ? null : r.toString();
    }
}
