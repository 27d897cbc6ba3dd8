package io.loginguard.risk.holds;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.risk.holds.WithdrawalHolds.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WithdrawalHoldsTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant WEEK = T0.plus(Duration.ofDays(7));

    @Test
    void aHoldIsInForceUntilItsLastSecondAndOverAtItsEnd() {
        SortedMap<String, Instant> holds = WithdrawalHolds.place(new TreeMap<>(), "case:1", WEEK);
        assertThat(WithdrawalHolds.heldUntil(holds, WEEK.minusSeconds(1))).isEqualTo(WEEK);
        assertThat(WithdrawalHolds.heldUntil(holds, WEEK)).isNull();
        assertThat(WithdrawalHolds.inForce(holds, WEEK)).isEmpty();
    }

    @Test
    void aHoldIsNeverShortenedByItsOwnCauseAndTheLatestEndWins() {
        SortedMap<String, Instant> holds = WithdrawalHolds.place(new TreeMap<>(), "case:1", WEEK);
        holds = WithdrawalHolds.place(holds, "case:1", T0.plusSeconds(5));
        holds = WithdrawalHolds.place(holds, "password-reset:x", T0.plus(Duration.ofDays(1)));
        assertThat(holds).containsEntry("case:1", WEEK);
        assertThat(WithdrawalHolds.heldUntil(holds, T0)).isEqualTo(WEEK);
        assertThat(WithdrawalHolds.heldUntil(WithdrawalHolds.release(holds, "case:1"), T0))
                .isEqualTo(T0.plus(Duration.ofDays(1)));
    }

    @Test
    void transitionsSayWhatAWalletMustLearn() {
        assertThat(WithdrawalHolds.transition(null, WEEK, T0)).isEqualTo(Transition.HELD);
        assertThat(WithdrawalHolds.transition(WEEK, WEEK, T0)).isEqualTo(Transition.NONE);
        assertThat(WithdrawalHolds.transition(WEEK, WEEK.plusSeconds(1), T0)).isEqualTo(Transition.HELD);
        assertThat(WithdrawalHolds.transition(WEEK, T0.plusSeconds(60), T0)).isEqualTo(Transition.HELD);
        assertThat(WithdrawalHolds.transition(WEEK, null, T0)).isEqualTo(Transition.RELEASED);
        assertThat(WithdrawalHolds.transition(null, null, T0)).isEqualTo(Transition.NONE);
    }
}
