package io.loginguard.risk.topology;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.events.LoginAttempted.Outcome.SUCCEEDED;
import static io.loginguard.risk.Attempts.T0;
import static io.loginguard.risk.Attempts.at;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.TicketEvent;
import io.loginguard.events.TicketEvent.ApprovedAction;
import io.loginguard.events.TicketEvent.CaseKind;
import io.loginguard.events.Topics;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.Attempts.Origin;
import io.loginguard.risk.config.LockoutMode;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.config.SourceLockoutSettings;
import io.loginguard.risk.engine.AccountEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A scenario touching every rule beyond the lockout, in mode account-and-source: geo and travel step-ups, IP changes,
 * devices, source locks, a repeated attempt, holds, a lift, an identity confirmation, a freeze, a DLQ'd ticket.
 */
final class RiskRulesScenario {
    static final String ALICE = "7d1b2c9e-3f44-4a51-9a0e-6f2d8f0b1c11";
    static final String BOB = "0b5e2a61-9c1d-4f7e-8a3b-2d4c6e8f0a12";

    private RiskRulesScenario() {
    }

    static List<String> run(Path dir) {
        RiskSettings settings = RiskSettings.defaults()
                .withSourceLockout(SourceLockoutSettings.defaults().withMode(LockoutMode.ACCOUNT_AND_SOURCE));
        RiskTopologyHarness risk = new RiskTopologyHarness(settings, dir);
        try {
            Attempts alice = new Attempts(ALICE);
            Attempts bob = new Attempts(BOB);
            AccountEvents aliceEvents = new AccountEvents(ALICE);
            AccountEvents bobEvents = new AccountEvents(BOB);
            Origin attacker = new Origin("192.0.2.66", "RU", null, null, "bot");
            risk.send(alice.password(at(0, 0), SUCCEEDED, Origin.BERLIN), null);
            risk.send(bob.password(at(0, 5), SUCCEEDED, Origin.SAO_PAULO.countryOnly()), null);
            for (int i = 0; i < 6; i++) {
                risk.send(alice.password(at(1, i), BAD_PASSWORD, attacker), null);
            }
            risk.send(alice.password(at(2, 0), SUCCEEDED, Origin.BERLIN.withDevice("tablet")), null);
            var repeated = alice.password(at(3, 0), SUCCEEDED, Origin.VIENNA);
            risk.send(repeated, null);
            risk.send(repeated, null);
            risk.sendEvent(Topics.TICKET_EVENTS, aliceEvents.approval(T0.plus(at(4, 0)), ApprovedAction.IDENTITY_CONFIRMED));
            risk.send(alice.password(at(5, 0), SUCCEEDED, Origin.VIENNA.withIp("198.51.100.21")), null);
            risk.send(alice.password(at(6, 0), SUCCEEDED, Origin.SAO_PAULO), null);
            risk.send(bob.password(at(30, 0), SUCCEEDED, Origin.BERLIN.countryOnly()), null);
            risk.sendEvent(Topics.TICKET_EVENTS, bobEvents.ticket(T0.plus(at(31, 0)), TicketEvent.Type.OPENED,
                    CaseKind.TWO_FACTOR_RESET, null, "OPEN", bobEvents.caseId("2fa")));
            risk.sendEvent(Topics.SECURITY_EVENTS, aliceEvents.security(T0.plus(at(32, 0)), SecurityEvent.Type.PASSWORD_RESET));
            risk.sendEvent(Topics.TICKET_EVENTS, aliceEvents.approval(T0.plus(at(33, 0)), ApprovedAction.RESTRICTION_LIFTED));
            risk.sendEvent(Topics.ACCOUNTS, bobEvents.snapshot(T0.plus(at(34, 0)), AccountSnapshot.Status.FROZEN, 7));
            risk.send(bob.password(at(35, 0), SUCCEEDED, Origin.BERLIN), null);
            risk.sendRawEvent(Topics.TICKET_EVENTS, BOB, "{\"broken\"".getBytes(StandardCharsets.UTF_8),
                    new RecordHeaders(), T0.plus(at(36, 0)));
            risk.send(alice.password(at(0, 0).plusHours(25), SUCCEEDED, Origin.BERLIN), null);
            return risk.drainAllOutputs();
        } finally {
            risk.driver().close();
        }
    }
}
