package io.loginguard.risk.lockout;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_CODE;
import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.events.LoginAttempted.Outcome.REJECTED_LOCKED;
import static io.loginguard.events.LoginAttempted.Outcome.REJECTED_THROTTLED;
import static io.loginguard.events.LoginAttempted.Outcome.SUCCEEDED;
import static io.loginguard.events.LoginAttempted.Outcome.UNKNOWN_ACCOUNT;
import static io.loginguard.risk.Attempts.T0;
import static io.loginguard.risk.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.DerivedEventIds;
import io.loginguard.risk.config.LockoutSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LockoutPolicyTest {
    private static final String ACCOUNT = "7d1b2c9e-3f44-4a51-9a0e-6f2d8f0b1c11";
    /** The 5th failure of {@link #fiveFailures()} happens at 4:00, so the seed lock lasts until 34:00. */
    private static final Instant LOCK_END = T0.plus(at(34, 0));

    private final Attempts attempts = new Attempts(ACCOUNT);
    private LockoutPolicy policy = new LockoutPolicy(LockoutSettings.defaults());
    private AccountRiskState state;

    private LockoutResult apply(LoginAttempted attempt) {
        LockoutResult result = policy.apply(state, attempt);
        state = result.state();
        return result;
    }

    private LockoutResult failures(int count, int startMinute) {
        LockoutResult last = null;
        for (int i = 0; i < count; i++) {
            last = apply(attempts.password(at(startMinute + i, 0), BAD_PASSWORD));
        }
        return last;
    }

    private LockoutResult fiveFailures() {
        return failures(5, 0);
    }

    @Test
    void fourFailuresAllowWithoutLock() {
        LockoutResult fourth = failures(4, 0);

        assertThat(fourth.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(fourth.verdict().consecutiveFailures()).isEqualTo(4);
        assertThat(fourth.verdict().lockedUntil()).isNull();
        assertThat(fourth.decisions()).isEmpty();
        assertThat(fourth.state().lockedUntil()).isNull();
    }

    @Test
    void fifthFailureLocksForThirtyMinutes() {
        LockoutResult fifth = fiveFailures();

        assertThat(fifth.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(fifth.verdict().lockedUntil()).isEqualTo(LOCK_END);
        assertThat(fifth.verdict().consecutiveFailures()).isZero();
        assertThat(fifth.verdict().reasons()).containsExactly(LockoutPolicy.REASON_PASSWORD_FAILURES);
        assertThat(fifth.state().lockedUntil()).isEqualTo(LOCK_END);
        assertThat(fifth.state().consecutiveFailures()).isZero();
        assertThat(fifth.decisions()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(RiskDecision.Type.LOCKED);
            assertThat(d.until()).isEqualTo(LOCK_END);
            assertThat(d.subjectKey()).isEqualTo(ACCOUNT);
            assertThat(d.attemptId()).isEqualTo(fifth.verdict().attemptId());
            assertThat(d.occurredAt()).isEqualTo(T0.plus(at(4, 0)));
        });
    }

    @Test
    void unknownAccountFailuresLockLikeBadPasswords() {
        for (int i = 0; i < 4; i++) {
            apply(attempts.password(at(i, 0), UNKNOWN_ACCOUNT));
        }
        assertThat(apply(attempts.password(at(4, 0), UNKNOWN_ACCOUNT)).verdict().verdict()).isEqualTo(Verdict.LOCKED);
    }

    @Test
    void lastSecondOfTheLockIsLockedEvenForACorrectPassword() {
        fiveFailures();

        LockoutResult atLastSecond = apply(attempts.password(at(33, 59), SUCCEEDED));

        assertThat(atLastSecond.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(atLastSecond.verdict().lockedUntil()).isEqualTo(LOCK_END);
        assertThat(atLastSecond.verdict().reasons()).containsExactly(LockoutPolicy.REASON_ACCOUNT_LOCKED);
        assertThat(atLastSecond.decisions()).isEmpty();
    }

    @Test
    void lockEndsExactlyAtLockedUntilWithAnUnlockDecisionAndFreshCounts() {
        fiveFailures();
        apply(attempts.password(at(20, 0), BAD_PASSWORD)); // during the lock: must not count

        LockoutResult atEnd = apply(attempts.password(at(34, 0), BAD_PASSWORD));

        assertThat(atEnd.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(atEnd.verdict().lockedUntil()).isNull();
        assertThat(atEnd.verdict().consecutiveFailures()).isEqualTo(1);
        assertThat(atEnd.state().lockedUntil()).isNull();
        assertThat(atEnd.decisions()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(RiskDecision.Type.UNLOCKED);
            assertThat(d.until()).isNull();
            assertThat(d.occurredAt()).isEqualTo(LOCK_END);
        });
        assertThat(failures(3, 35).verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(failures(1, 38).verdict().verdict()).isEqualTo(Verdict.LOCKED);
    }

    @Test
    void unlockIsAnnouncedOnlyOnce() {
        fiveFailures();
        apply(attempts.password(at(40, 0), SUCCEEDED));

        assertThat(apply(attempts.password(at(41, 0), SUCCEEDED)).decisions()).isEmpty();
    }

    @Test
    void successResetsTheStreak() {
        failures(4, 0);
        apply(attempts.password(at(4, 0), SUCCEEDED));

        LockoutResult afterFourMore = failures(4, 5);

        assertThat(afterFourMore.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(afterFourMore.verdict().consecutiveFailures()).isEqualTo(4);
        assertThat(afterFourMore.decisions()).isEmpty();
    }

    @Test
    void rejectedAttemptsNeverCountAndAreNotAdmitted() {
        failures(4, 0);

        LockoutResult rejected = apply(attempts.rejected(at(4, 0), REJECTED_THROTTLED));
        apply(attempts.rejected(at(4, 10), REJECTED_LOCKED));

        assertThat(rejected.verdict().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(rejected.verdict().sequence()).isNull();
        assertThat(state.consecutiveFailures()).isEqualTo(4);
        assertThat(state.admittedProcessed()).isEqualTo(4);
        assertThat(state.lastSequence()).isEqualTo(4L);
    }

    @Test
    void rejectedAttemptDuringALockIsLockedAndChangesNothing() {
        fiveFailures();

        LockoutResult rejected = apply(attempts.rejected(at(10, 0), REJECTED_LOCKED));

        assertThat(rejected.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(rejected.verdict().lockedUntil()).isEqualTo(LOCK_END);
        assertThat(rejected.verdict().admittedProcessed()).isEqualTo(5);
        assertThat(rejected.decisions()).isEmpty();
    }

    @Test
    void admittedProcessedCountsEachAdmittedAttemptExactlyOnce() {
        Attempts outOfOrder = new Attempts(ACCOUNT);
        long[] arrival = {2, 1, 4, 3};
        long[] expectedHighest = {2, 2, 4, 4};
        for (int i = 0; i < arrival.length; i++) {
            LockoutResult result = apply(outOfOrder.withSequence(at(0, i), BAD_PASSWORD, arrival[i]));
            assertThat(result.verdict().admittedProcessed()).isEqualTo(i + 1);
            assertThat(result.state().lastSequence()).isEqualTo(expectedHighest[i]);
        }
        apply(outOfOrder.rejected(at(0, 10), REJECTED_LOCKED));
        LockoutResult lockedFifth = apply(outOfOrder.withSequence(at(0, 11), BAD_PASSWORD, 5));
        apply(outOfOrder.withSequence(at(1, 0), SUCCEEDED, 6)); // admitted during the lock: still counted

        assertThat(lockedFifth.verdict().admittedProcessed()).isEqualTo(5);
        assertThat(state.admittedProcessed()).isEqualTo(6);
        assertThat(state.lastSequence()).isEqualTo(6L);
    }

    @Test
    void secondFactorFailuresAreCountedApart() {
        failures(4, 0);
        for (int i = 0; i < 4; i++) {
            assertThat(apply(attempts.secondFactor(at(10 + i, 0), BAD_CODE)).verdict().verdict())
                    .isEqualTo(Verdict.ALLOW);
        }
        assertThat(state.consecutiveFailures()).isEqualTo(4);
        assertThat(state.secondFactorFailures()).isEqualTo(4);

        LockoutResult fifthCode = apply(attempts.secondFactor(at(14, 0), BAD_CODE));

        assertThat(fifthCode.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(fifthCode.verdict().reasons()).containsExactly(LockoutPolicy.REASON_SECOND_FACTOR_FAILURES);
        assertThat(fifthCode.verdict().lockedUntil()).isEqualTo(T0.plus(at(44, 0)));
        assertThat(fifthCode.state().secondFactorFailures()).isZero();
        assertThat(fifthCode.decisions()).singleElement()
                .satisfies(d -> assertThat(d.details()).containsEntry(LockoutPolicy.DETAIL_REASON,
                        LockoutPolicy.REASON_SECOND_FACTOR_FAILURES));
    }

    @Test
    void secondFactorSuccessResetsOnlyItsOwnStreak() {
        failures(2, 0);
        apply(attempts.secondFactor(at(3, 0), BAD_CODE));

        apply(attempts.secondFactor(at(4, 0), SUCCEEDED));

        assertThat(state.secondFactorFailures()).isZero();
        assertThat(state.consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void attemptsDuringALockExtendItWhenThatPolicyIsOn() {
        policy = new LockoutPolicy(LockoutSettings.defaults().withExtendOnAttemptDuringLock(true, Duration.ofHours(2)));
        fiveFailures();

        LockoutResult during = apply(attempts.rejected(at(10, 0), REJECTED_LOCKED));

        assertThat(during.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(during.verdict().lockedUntil()).isEqualTo(T0.plus(at(130, 0)));
        assertThat(state.lockedUntil()).isEqualTo(T0.plus(at(130, 0)));
        assertThat(during.decisions()).isEmpty();
        assertThat(apply(attempts.password(at(129, 59), SUCCEEDED)).verdict().lockedUntil())
                .isEqualTo(T0.plus(at(249, 59)));
    }

    @Test
    void extensionNeverShortensALock() {
        policy = new LockoutPolicy(LockoutSettings.defaults().withExtendOnAttemptDuringLock(true, Duration.ofMinutes(5)));
        fiveFailures();

        assertThat(apply(attempts.password(at(10, 0), BAD_PASSWORD)).verdict().lockedUntil()).isEqualTo(LOCK_END);
        assertThat(apply(attempts.password(at(30, 0), BAD_PASSWORD)).verdict().lockedUntil())
                .isEqualTo(T0.plus(at(35, 0)));
    }

    @Test
    void attemptsDuringALockDoNotExtendItByDefault() {
        fiveFailures();

        assertThat(apply(attempts.password(at(33, 0), BAD_PASSWORD)).verdict().lockedUntil()).isEqualTo(LOCK_END);
    }

    @Test
    void aConfiguredThresholdIsHonoured() {
        policy = new LockoutPolicy(LockoutSettings.defaults().withThreshold(3));

        assertThat(failures(2, 0).verdict().verdict()).isEqualTo(Verdict.ALLOW);
        LockoutResult third = failures(1, 2);
        assertThat(third.verdict().verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(third.verdict().lockedUntil()).isEqualTo(T0.plus(at(32, 0)));
    }

    @Test
    void outputIdsAndTimesDeriveFromTheAttempt() {
        LoginAttempted attempt = attempts.password(at(0, 0), BAD_PASSWORD);
        UUID attemptId = attempt.attemptId();

        LockoutResult result = apply(attempt);

        assertThat(result.verdict().eventId()).isEqualTo(DerivedEventIds.of(attemptId, "verdict"));
        assertThat(result.state().eventId()).isEqualTo(DerivedEventIds.of(attemptId, "state"));
        assertThat(result.verdict().occurredAt()).isEqualTo(attempt.occurredAt());
        assertThat(result.state().occurredAt()).isEqualTo(attempt.occurredAt());
        assertThat(new LockoutPolicy(LockoutSettings.defaults()).apply(null, attempt)).isEqualTo(result);
    }

    @Test
    void lockAndUnlockDecisionsHaveDistinctIds() {
        policy = new LockoutPolicy(LockoutSettings.defaults().withThreshold(1));
        apply(attempts.password(at(0, 0), BAD_PASSWORD));

        LockoutResult unlockAndRelock = apply(attempts.password(at(30, 0), BAD_PASSWORD));

        assertThat(unlockAndRelock.decisions()).extracting(RiskDecision::type)
                .containsExactly(RiskDecision.Type.UNLOCKED, RiskDecision.Type.LOCKED);
        assertThat(unlockAndRelock.decisions()).extracting(RiskDecision::eventId).doesNotHaveDuplicates();
    }

    @Test
    void fieldsOwnedByOtherRulesAreCarriedOver() {
        state = new AccountRiskState(UUID.fromString("00000000-0000-4000-8000-000000000001"), T0, ACCOUNT, 0, 0,
                null, 0, null, Set.of("DE"),
                Set.of("device-1"), "DE", T0, 52.52, 13.405, true, T0.plusSeconds(3600), 7, 5, 5);

        AccountRiskState next = fiveFailures().state();

        assertThat(next.knownCountries()).containsExactly("DE");
        assertThat(next.knownDevices()).containsExactly("device-1");
        assertThat(next.lastLoginCountry()).isEqualTo("DE");
        assertThat(next.stepUpPending()).isTrue();
        assertThat(next.withdrawalsHeldUntil()).isEqualTo(T0.plusSeconds(3600));
        assertThat(next.lockedUntil()).isEqualTo(LOCK_END);
    }

    @Test
    void decisionDetailsHoldOneEntrySoTheirJsonIsStable() {
        assertThat(fiveFailures().decisions().get(0).details())
                .isEqualTo(Map.of(LockoutPolicy.DETAIL_REASON, LockoutPolicy.REASON_PASSWORD_FAILURES));
    }
}
