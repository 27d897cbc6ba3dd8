package io.loginguard.auth.admission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.loginguard.auth.config.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gate's Lua scripts on the real Redis, with the clock in the test's hands. */
@QuarkusTest
class AdmissionScriptsTest {
    static final long T = 1_800_000_000_000L;
    static final long CONFIRM_TIMEOUT = 10_000;
    static final long LOST = 300_000;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    AdmissionGate gate;

    String key;
    String flow;

    @BeforeEach
    void freshAccount() {
        key = keys.admission("script-test-" + UUID.randomUUID());
        flow = keys.admission("flow-test-" + UUID.randomUUID());
    }

    @Test
    void attemptsInFlightCountAsFailures() {
        for (int i = 1; i <= 5; i++) {
            assertThat(admit(T + i, true)).isEqualTo("ADMITTED " + i);
        }
        assertThat(admit(T + 6, true)).isEqualTo("AT_THRESHOLD 1000");
    }

    @Test
    void confirmedSuccessesFreeTheirSlots() {
        admitAndPublish(5, T);
        assertThat(confirm(5, 0, 0, T + 1)).isEqualTo(1);
        assertThat(admit(T + 2, true)).isEqualTo("ADMITTED 6");
    }

    @Test
    void confirmedFailuresLeaveTheRestOfTheThreshold() {
        admitAndPublish(3, T);
        confirm(3, 3, 0, T + 1);
        assertThat(admit(T + 2, true)).isEqualTo("ADMITTED 4");
        assertThat(admit(T + 3, true)).isEqualTo("ADMITTED 5");
        assertThat(admit(T + 4, true)).isEqualTo("AT_THRESHOLD 1000");
    }

    @Test
    void aLockRefusesUntilItsLastMillisecondAndNotAfter() {
        long until = T + 1_800_000;
        admitAndPublish(1, T);
        confirm(1, 0, until, T);
        assertThat(admit(until - 1, true)).isEqualTo("LOCKED 1");
        assertThat(admit(T + 1, true)).isEqualTo("LOCKED 1799999");
        assertThat(admit(until, true)).isEqualTo("ADMITTED 2");
    }

    @Test
    void publishedAttemptsRiskDoesNotConfirmFailClosedOrOpenAsConfigured() {
        admitAndPublish(1, T);
        assertThat(admit(T + CONFIRM_TIMEOUT, true)).isEqualTo("ADMITTED 2");
        assertThat(admit(T + CONFIRM_TIMEOUT + 1, true)).isEqualTo("RISK_UNAVAILABLE 1000");
        // fail open: published-but-unconfirmed attempts are ignored, the unpublished second one still counts
        assertThat(admit(T + CONFIRM_TIMEOUT + 1, false)).isEqualTo("ADMITTED 3");
    }

    @Test
    void aRiskOutageNeverReopensTheGateHoweverLongItLasts() {
        admitAndPublish(2, T);
        assertThat(admit(T + LOST + 1, true)).isEqualTo("RISK_UNAVAILABLE 1000");
        assertThat(admit(T + 100 * LOST, true)).isEqualTo("RISK_UNAVAILABLE 1000");
    }

    @Test
    void anUnpublishedAttemptCountsAsAFailureUntilItIsGivenUp() {
        for (int i = 0; i < 5; i++) {
            admit(T, true); // admitted, but no event ever reached the broker
        }
        assertThat(admit(T + CONFIRM_TIMEOUT + 1, true)).isEqualTo("AT_THRESHOLD 1000");
        assertThat(admit(T + LOST, true)).isEqualTo("AT_THRESHOLD 1000");
        assertThat(admit(T + LOST + 1, true)).isEqualTo("ADMITTED 1");
    }

    @Test
    void givingUpUnpublishedAttemptsKeepsThePublishedOnesAndStaysClosed() {
        admitAndPublish(2, T);
        admit(T, true); // the third never published
        assertThat(admit(T + LOST + 1, true)).isEqualTo("RISK_UNAVAILABLE 1000");
        // the third slot went; the next sequence follows the published two
        assertThat(admit(T + LOST + 1, false)).isEqualTo("ADMITTED 3");
    }

    @Test
    void aConfirmationOfAnAttemptWhosePublicationLookedLostStillCounts() {
        admit(T, true); // the broker's acknowledgement was lost, but the event arrived
        assertThat(confirm(1, 1, 0, T + 5)).isEqualTo(1);
        assertThat(admit(T + LOST + 1, true)).isEqualTo("ADMITTED 2");
    }

    @Test
    void aLateConfirmationNeverUndoesALaterOne() {
        admitAndPublish(4, T);
        assertThat(confirm(4, 4, 0, T + 1)).isEqualTo(1);
        assertThat(confirm(3, 3, 0, T + 2)).isZero();
        assertThat(admit(T + 3, true)).isEqualTo("ADMITTED 5");
        assertThat(admit(T + 4, true)).isEqualTo("AT_THRESHOLD 1000");
    }

    @Test
    void aConfirmationAheadOfTheIssuedCountRestoresIt() {
        // Redis lost the gate's state while risk kept its count: numbering continues after risk's
        assertThat(confirm(7, 2, 0, T)).isEqualTo(1);
        assertThat(admit(T + 1, true)).isEqualTo("ADMITTED 8");
    }

    @Test
    void theGateStillWorksWhenRedisHasForgottenItsScripts() {
        redis.execute("SCRIPT", "FLUSH");
        String account = "flushed-" + UUID.randomUUID();
        assertThat(gate.admit(account).sequence()).isEqualTo(1);
        assertThat(gate.admit(account).sequence()).isEqualTo(2);
    }

    @Test
    void readinessReportsVerdictsThatStoppedComingAcrossAllNodes() {
        long now = System.currentTimeMillis();
        String shared = keys.verdictFlow();
        redis.execute("HSET", shared, "lastConfirmed", Long.toString(now - 60_000),
                "lastPublished", Long.toString(now - 30_000), "waitingSince", Long.toString(now - 30_000));
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'risk-verdicts' }.status", equalTo("DOWN"));

        redis.execute("HSET", shared, "lastConfirmed", Long.toString(now), "waitingSince", Long.toString(now));
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'risk-verdicts' }.status", equalTo("UP"));
    }

    private void admitAndPublish(int count, long now) {
        for (int i = 0; i < count; i++) {
            assertThat(admit(now, true)).startsWith("ADMITTED");
            redis.execute("EVAL", GateScripts.PUBLISHED, "2", key, flow, Long.toString(now), "1", "60000");
        }
    }

    private String admit(long now, boolean failClosed) {
        Response r = redis.execute("EVAL", GateScripts.ADMIT, "1", key, "5", Long.toString(now),
                Long.toString(CONFIRM_TIMEOUT), failClosed ? "1" : "0", "60000", Long.toString(LOST));
        return r.get(1).toString() + " " + r.get(2).toLong();
    }

    private int confirm(long processed, int failures, long lockedUntil, long now) {
        return redis.execute("EVAL", GateScripts.CONFIRM, "2", key, flow, Long.toString(processed), Integer.toString(failures),
                Long.toString(lockedUntil), Long.toString(now), "60000").toInteger();
    }
}
