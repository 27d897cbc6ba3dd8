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

    String key;

    @BeforeEach
    void freshAccount() {
        key = keys.admission("script-test-" + UUID.randomUUID());
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
        for (int i = 1; i <= 5; i++) {
            admit(T, true);
        }
        assertThat(confirm(5, 0, 0, T + 1)).isEqualTo(1);
        assertThat(admit(T + 2, true)).isEqualTo("ADMITTED 6");
    }

    @Test
    void confirmedFailuresLeaveTheRestOfTheThreshold() {
        for (int i = 1; i <= 3; i++) {
            admit(T, true);
        }
        confirm(3, 3, 0, T + 1);
        assertThat(admit(T + 2, true)).isEqualTo("ADMITTED 4");
        assertThat(admit(T + 3, true)).isEqualTo("ADMITTED 5");
        assertThat(admit(T + 4, true)).isEqualTo("AT_THRESHOLD 1000");
    }

    @Test
    void aLockRefusesUntilItsLastMillisecondAndNotAfter() {
        long until = T + 1_800_000;
        admit(T, true);
        confirm(1, 0, until, T);
        assertThat(admit(until - 1, true)).isEqualTo("LOCKED 1");
        assertThat(admit(T + 1, true)).isEqualTo("LOCKED 1799999");
        assertThat(admit(until, true)).isEqualTo("ADMITTED 2");
    }

    @Test
    void stalledConfirmationsFailClosedOrOpenAsConfigured() {
        admit(T, true);
        assertThat(admit(T + CONFIRM_TIMEOUT, true)).startsWith("ADMITTED");
        assertThat(admit(T + CONFIRM_TIMEOUT + 1, true)).isEqualTo("RISK_UNAVAILABLE 1000");
        assertThat(admit(T + CONFIRM_TIMEOUT + 1, false)).startsWith("ADMITTED");
    }

    @Test
    void anAttemptUnconfirmedPastTheLostTimeoutIsGivenUp() {
        admit(T, true);
        assertThat(admit(T + LOST, true)).isEqualTo("RISK_UNAVAILABLE 1000");
        assertThat(admit(T + LOST + 1, true)).isEqualTo("ADMITTED 1");
    }

    @Test
    void aReleasedSlotCanBeUsedAgainOnce() {
        for (int i = 1; i <= 5; i++) {
            admit(T, true);
        }
        assertThat(release()).isEqualTo(1);
        assertThat(admit(T + 1, true)).isEqualTo("ADMITTED 5");
        assertThat(admit(T + 2, true)).isEqualTo("AT_THRESHOLD 1000");
    }

    @Test
    void aReleaseWithNothingInFlightChangesNothing() {
        admit(T, true);
        confirm(1, 0, 0, T);
        assertThat(release()).isZero();
        assertThat(admit(T + 1, true)).isEqualTo("ADMITTED 2");
    }

    @Test
    void aLateConfirmationNeverUndoesALaterOne() {
        for (int i = 1; i <= 4; i++) {
            admit(T, true);
        }
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

    private String admit(long now, boolean failClosed) {
        Response r = redis.execute("EVAL", AdmissionGate.ADMIT, "1", key, "5", Long.toString(now),
                Long.toString(CONFIRM_TIMEOUT), failClosed ? "1" : "0", "60000", Long.toString(LOST));
        return r.get(1).toString() + " " + r.get(2).toLong();
    }

    private int confirm(long processed, int failures, long lockedUntil, long now) {
        return redis.execute("EVAL", AdmissionGate.CONFIRM, "1", key, Long.toString(processed), Integer.toString(failures),
                Long.toString(lockedUntil), Long.toString(now), "60000").toInteger();
    }

    private int release() {
        return redis.execute("EVAL", AdmissionGate.RELEASE, "1", key).toInteger();
    }
}
