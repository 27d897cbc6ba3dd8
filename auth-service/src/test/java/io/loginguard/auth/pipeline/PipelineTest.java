package io.loginguard.auth.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.loginguard.auth.admission.Admission;
import io.loginguard.auth.admission.AdmissionGate;
import io.loginguard.auth.admission.RiskProjection;
import io.loginguard.auth.config.RedisKeys;
import io.loginguard.auth.config.TestClock;
import io.loginguard.events.AccountRiskState;
import io.loginguard.events.EventJson;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline proves itself with heartbeats, never by waiting for a login; and a Redis that lost its data does
 * not let a locked account start afresh. Risk's answers come from {@link RiskHeartbeatResponder} and from records
 * the test writes as risk would.
 */
@QuarkusTest
class PipelineTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    AdmissionGate gate;

    @Inject
    RiskProjection projection;

    @Inject
    TestClock clock;

    RiskHeartbeatResponder risk;
    KafkaProbe kafka;

    @BeforeEach
    void start() {
        risk = RiskHeartbeatResponder.running(bootstrap);
        kafka = new KafkaProbe(bootstrap);
    }

    @AfterEach
    void stop() {
        risk.resume();
        kafka.close();
    }

    @Test
    void readyWithoutAnyLoginNotReadyWhileRiskIsSilentAndReadyAgainByItself() {
        awaitPipeline("UP", Duration.ofSeconds(30));
        risk.pause();
        awaitPipeline("DOWN", Duration.ofSeconds(25));
        given().get("/q/health/ready").then().statusCode(503);
        risk.resume();
        awaitPipeline("UP", Duration.ofSeconds(25));
    }

    /**
     * Tests stop auth's clock at other instants (a reset link at 59:59); heartbeats keep the real time meanwhile. A
     * heartbeat stamped an hour ahead would raise its partition's shared watermark an hour ahead for good, and the gate
     * would give up every attempt in flight there at once: a later test's five failures no longer held the sixth.
     */
    @Test
    void heartbeatsKeepRealTimeWhileAuthsClockIsStoppedAnHourAhead() {
        awaitPipeline("UP", Duration.ofSeconds(30));
        Map<String, Long> before = watermarks();
        try {
            clock.stopAt(Instant.now().plus(Duration.ofHours(1)));
            // heartbeats through three partitions sent and answered while the clock stands an hour ahead
            await().atMost(Duration.ofSeconds(20)).until(() -> watermarks().entrySet().stream()
                    .filter(w -> w.getValue() > before.getOrDefault(w.getKey(), 0L)).count() >= 3);
        } finally {
            clock.run();
        }
        long now = System.currentTimeMillis();
        assertThat(watermarks().values()).allSatisfy(sentAt -> assertThat(sentAt).isLessThanOrEqualTo(now));
    }

    @Test
    void aLockedAccountIsStillRefusedAfterRedisLostEverythingWithoutCheckingAPassword() {
        awaitPipeline("UP", Duration.ofSeconds(30));
        String locked = UUID.randomUUID().toString();
        String streak = UUID.randomUUID().toString();
        Instant now = Instant.now();
        long version = now.toEpochMilli() * 1000;
        publishState(state(locked, version, 0, 5, now.plus(Duration.ofMinutes(30))));
        publishState(state(streak, version, 4, 1, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> exists(keys.admission(locked)) && exists(keys.admission(streak)));

        deleteEveryKeyOfThisStack(); // what a Redis restart without persistence does

        assertThat(gate.admit(locked).refusal()).isEqualTo(Admission.Refusal.REBUILDING);
        assertThat(gate.admit(streak).refusal()).isEqualTo(Admission.Refusal.REBUILDING);
        projection.check();
        await().atMost(Duration.ofSeconds(20)).until(gate::riskViewComplete);

        Admission lockedAnswer = gate.admit(locked);
        assertThat(lockedAnswer.refusal()).isEqualTo(Admission.Refusal.LOCKED);
        assertThat(lockedAnswer.retryAfter()).isGreaterThan(Duration.ofMinutes(29));
        // risk holds a 4-failure streak: a burst gets exactly one check
        List<Admission> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(gate.admit(streak));
        }
        assertThat(burst).filteredOn(Admission::admitted).hasSize(1);
        assertThat(burst).filteredOn(a -> !a.admitted()).extracting(Admission::refusal)
                .containsOnly(Admission.Refusal.AT_THRESHOLD);
    }

    @Test
    void aRebuildLockWhoseAnswerWasLostIsRecognisedAsThisNodesOwn() {
        awaitPipeline("UP", Duration.ofSeconds(30));
        String locked = UUID.randomUUID().toString();
        Instant now = Instant.now();
        publishState(state(locked, now.toEpochMilli() * 1000, 0, 5, now.plus(Duration.ofMinutes(30))));
        await().atMost(Duration.ofSeconds(20)).until(() -> exists(keys.admission(locked)));
        // the lock as a SET NX leaves it when Redis applied it but its answer timed out: held under this node's name
        redis.execute("SET", keys.riskProjectionRebuildLock(), projection.holder(), "PX", "120000");
        deleteEveryKeyOfThisStackBut(keys.riskProjectionRebuildLock());

        projection.check();

        await().atMost(Duration.ofSeconds(20)).until(gate::riskViewComplete);
        assertThat(gate.admit(locked).refusal()).isEqualTo(Admission.Refusal.LOCKED);
        assertThat(exists(keys.riskProjectionRebuildLock())).as("released by its holder").isFalse();
    }

    @Test
    void aRebuildLockHeldByAnotherNodeIsLeftAlone() {
        awaitPipeline("UP", Duration.ofSeconds(30));
        redis.execute("SET", keys.riskProjectionRebuildLock(), "another-node", "PX", "3000");
        deleteEveryKeyOfThisStackBut(keys.riskProjectionRebuildLock());

        projection.check();

        assertThat(gate.riskViewComplete()).isFalse();
        assertThat(redis.execute("GET", keys.riskProjectionRebuildLock()).toString()).isEqualTo("another-node");
        // the other node died: its lease runs out and this node's next check rebuilds
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            projection.check();
            assertThat(gate.riskViewComplete()).isTrue();
        });
    }

    @Test
    void aTombstoneFromRiskForgetsItsViewOfTheKey() {
        awaitPipeline("UP", Duration.ofSeconds(30));
        String key = "unknown:" + UUID.randomUUID();
        Instant now = Instant.now();
        publishState(state(key, now.toEpochMilli() * 1000, 4, 1, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> "4".equals(hget(keys.admission(key), "failures")));
        assertThat(redis.execute("PTTL", keys.admission(key)).toLong()).isPositive(); // bounded whatever it holds
        kafka.send(Topics.RISK_ACCOUNT_STATE, key, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> hget(keys.admission(key), "failures") == null);
    }

    private void awaitPipeline(String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given().get("/q/health/ready")
                .then().body("checks.find { it.name == 'risk-pipeline' }.status", equalTo(status)));
    }

    /** The shared watermarks: per partition ("p3"), the send time of the newest answered heartbeat through it. */
    private Map<String, Long> watermarks() {
        Map<String, Long> all = new HashMap<>();
        var hash = redis.execute("HGETALL", keys.pipelineWatermarks());
        for (String field : hash.getKeys()) {
            if (field.startsWith("p")) {
                all.put(field, Long.parseLong(hash.get(field).toString()));
            }
        }
        return all;
    }

    private static AccountRiskState state(String key, long version, int failures, int left, Instant lockedUntil) {
        Instant now = Instant.now();
        return new AccountRiskState(UUID.randomUUID(), now, key, failures, 0, lockedUntil, 1, 1L, null, null, null,
                null, null, null, false, null, version, left, 5);
    }

    private void publishState(AccountRiskState state) {
        kafka.send(Topics.RISK_ACCOUNT_STATE, state.accountKey(), EventJson.toBytes(state));
    }

    private void deleteEveryKeyOfThisStack() {
        deleteEveryKeyOfThisStackBut(null);
    }

    /**
     * One DEL for every key, as a flush does: deleted one by one, a heartbeat's check could find the marker gone
     * and rebuild the view between two deletions, and the later ones would delete what the rebuild had restored.
     */
    private void deleteEveryKeyOfThisStackBut(String kept) {
        List<String> doomed = new ArrayList<>();
        for (Object key : redis.execute("KEYS", keys.prefix() + "*")) {
            if (!key.toString().equals(kept)) {
                doomed.add(key.toString());
            }
        }
        if (!doomed.isEmpty()) {
            redis.execute("DEL", doomed.toArray(String[]::new));
        }
    }

    private boolean exists(String key) {
        return redis.execute("EXISTS", key).toInteger() == 1;
    }

    private String hget(String key, String field) {
        var r = redis.execute("HGET", key, field);
        return r == null ? null : r.toString();
    }
}
