package io.loginguard.risk.topology;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.events.LoginAttempted.Outcome.SUCCEEDED;
import static io.loginguard.risk.Attempts.T0;
import static io.loginguard.risk.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.DeadLetterHeaders;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.RiskVerdict.Verdict;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.TicketEvent;
import io.loginguard.events.TicketEvent.ApprovedAction;
import io.loginguard.events.TicketEvent.CaseKind;
import io.loginguard.events.Topics;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.engine.AccountEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ticket.events, auth.security-events and auth.accounts through the topology, beside the attempts. */
class RiskTopologyAccountEventsTest {
    static final String ALICE = "7d1b2c9e-3f44-4a51-9a0e-6f2d8f0b1c11";

    @TempDir
    Path stateDir;

    private RiskTopologyHarness risk;
    private final Attempts alice = new Attempts(ALICE);
    private final AccountEvents events = new AccountEvents(ALICE);

    @BeforeEach
    void start() {
        risk = new RiskTopologyHarness(RiskSettings.defaults(), stateDir);
    }

    @AfterEach
    void close() {
        risk.driver().close();
    }

    @Test
    void anOperatorLiftsALockWithAStateRecordAndNoVerdict() {
        for (int i = 0; i < 5; i++) {
            risk.send(alice.password(at(0, i), BAD_PASSWORD), null);
        }
        risk.values(risk.verdicts(), RiskVerdict.class);
        List<AccountRiskState> before = risk.values(risk.accountStates(), AccountRiskState.class);
        risk.sendEvent(Topics.TICKET_EVENTS, events.approval(T0.plus(at(1, 0)), ApprovedAction.RESTRICTION_LIFTED));

        assertThat(risk.verdicts().isEmpty()).isTrue();
        List<AccountRiskState> states = risk.values(risk.accountStates(), AccountRiskState.class);
        assertThat(states).singleElement().satisfies(s -> {
            assertThat(s.lockedUntil()).isNull();
            assertThat(s.checksLeft()).isEqualTo(5);
            assertThat(s.version()).isGreaterThan(before.get(4).version());
        });
        assertThat(risk.values(risk.decisions(), RiskDecision.class)).extracting(RiskDecision::type)
                .containsExactly(RiskDecision.Type.LOCKED, RiskDecision.Type.UNLOCKED);
        risk.send(alice.password(at(1, 1), SUCCEEDED), null);
        assertThat(risk.values(risk.verdicts(), RiskVerdict.class).get(0).verdict()).isEqualTo(Verdict.ALLOW);
    }

    /**
     * Under at-least-once risk may read an account event again after a crash, after the attempts that followed it were
     * applied (its store is ahead of its committed offsets). Applied again, a lift would wipe those attempts' failures.
     * Remembered by its id, it sends the records it sent and changes nothing.
     */
    @Test
    void anAccountEventReadAgainSendsWhatItSentAndDoesNotUndoLaterAttempts() {
        for (int i = 0; i < 5; i++) {
            risk.send(alice.password(at(0, i), BAD_PASSWORD), null);
        }
        TicketEvent lift = events.approval(T0.plus(at(1, 0)), ApprovedAction.RESTRICTION_LIFTED);
        risk.sendEvent(Topics.TICKET_EVENTS, lift);
        risk.send(alice.password(at(1, 1), BAD_PASSWORD), null);
        risk.send(alice.password(at(1, 2), BAD_PASSWORD), null);
        risk.values(risk.verdicts(), RiskVerdict.class);
        List<TestRecord<String, byte[]>> firstTime = risk.accountStates().readRecordsToList();
        List<TestRecord<String, byte[]>> decisionsFirstTime = risk.decisions().readRecordsToList();

        risk.sendEvent(Topics.TICKET_EVENTS, lift); // read again
        List<TestRecord<String, byte[]>> again = risk.accountStates().readRecordsToList();
        assertThat(again).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(firstTime.get(5).value()); // the state the lift published, as it was
            assertThat(r.headers()).isEqualTo(firstTime.get(5).headers());
        });
        List<TestRecord<String, byte[]>> decisionsAgain = risk.decisions().readRecordsToList();
        assertThat(decisionsAgain).extracting(TestRecord::value)
                .containsExactly(decisionsFirstTime.get(1).value()); // its UNLOCKED, as it was

        risk.send(alice.password(at(1, 3), BAD_PASSWORD), null);
        RiskVerdict next = risk.values(risk.verdicts(), RiskVerdict.class).get(0);
        assertThat(next.consecutiveFailures()).as("the two failures after the lift still count").isEqualTo(3);
    }

    @Test
    void aTwoFactorResetAndAPasswordResetHoldWithdrawals() {
        risk.sendEvent(Topics.TICKET_EVENTS, events.ticket(T0, TicketEvent.Type.OPENED, CaseKind.TWO_FACTOR_RESET, null,
                "OPEN", events.caseId("2fa")));
        risk.sendEvent(Topics.SECURITY_EVENTS, events.security(T0.plusSeconds(1), SecurityEvent.Type.PASSWORD_RESET));

        List<AccountRiskState> states = risk.values(risk.accountStates(), AccountRiskState.class);
        assertThat(states).singleElement() // the password reset's 24 h end within the 7 days changes nothing
                .satisfies(s -> assertThat(s.withdrawalsHeldUntil()).isEqualTo(T0.plus(Duration.ofDays(7))));
        assertThat(risk.values(risk.decisions(), RiskDecision.class)).extracting(RiskDecision::type)
                .containsExactly(RiskDecision.Type.WITHDRAWALS_HELD);
    }

    @Test
    void aFrozenAccountIsRefusedAndAnsweredOncePerAttempt() {
        risk.sendEvent(Topics.ACCOUNTS, events.snapshot(T0, AccountSnapshot.Status.FROZEN, 1));
        risk.send(alice.password(at(1, 0), SUCCEEDED), null);
        risk.send(alice.password(at(1, 1), BAD_PASSWORD), null);

        List<RiskVerdict> verdicts = risk.values(risk.verdicts(), RiskVerdict.class);
        assertThat(verdicts).extracting(RiskVerdict::verdict).containsExactly(Verdict.LOCKED, Verdict.LOCKED);
        assertThat(verdicts).extracting(RiskVerdict::checksLeft).containsExactly(5, 4);
        assertThat(verdicts).extracting(RiskVerdict::lockedUntil).containsOnlyNulls();
    }

    @Test
    void unreadableEventsGoToTheDlqAndTheNextIsApplied() {
        risk.sendRawEvent(Topics.TICKET_EVENTS, ALICE, "{not json".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), T0);
        TicketEvent elsewhere = new AccountEvents("someone-else").approval(T0, ApprovedAction.RESTRICTION_LIFTED);
        risk.sendRawEvent(Topics.TICKET_EVENTS, ALICE, io.loginguard.events.EventJson.toBytes(elsewhere),
                new RecordHeaders(), T0);
        risk.sendRawEvent(Topics.ACCOUNTS, ALICE, null, new RecordHeaders(), T0); // a tombstone: nothing to do
        risk.sendRawEvent(Topics.SECURITY_EVENTS, ALICE, "{}".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), T0);
        risk.sendEvent(Topics.SECURITY_EVENTS, events.security(T0.plusSeconds(1), SecurityEvent.Type.PASSWORD_RESET));

        List<TestRecord<String, byte[]>> dead = risk.deadLetters().readRecordsToList();
        assertThat(dead).hasSize(3);
        assertThat(dead).extracting(r -> new String(r.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC).value(),
                StandardCharsets.UTF_8)).containsExactly(Topics.TICKET_EVENTS, Topics.TICKET_EVENTS, Topics.SECURITY_EVENTS);
        assertThat(risk.values(risk.accountStates(), AccountRiskState.class)).singleElement()
                .satisfies(s -> assertThat(s.withdrawalsHeldUntil()).isEqualTo(T0.plusSeconds(1).plus(Duration.ofHours(24))));
    }
}
