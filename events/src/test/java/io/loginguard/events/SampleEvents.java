package io.loginguard.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** One fully populated example of every event, for round-trip tests. */
final class SampleEvents {
    static final Instant T = Instant.parse("2026-11-24T10:15:30.123456Z");
    static final String ACCOUNT = "7d1b2c9e-3f44-4a51-9a0e-6f2d8f0b1c11";

    static List<Event> all() {
        return List.of(
                new LoginAttempted(id(1), T, ACCOUNT, id(2), 7L, LoginAttempted.Stage.PASSWORD,
                        LoginAttempted.Outcome.BAD_PASSWORD, LoginAttempted.Method.EMAIL_PASSWORD, "203.0.113.9", "DE",
                        52.52, 13.405, "device-1", "Mozilla/5.0", null),
                new AccountSnapshot(id(3), T, ACCOUNT, AccountSnapshot.Status.FROZEN, "a@example.com", "+4915112345678",
                        true, false, Set.of(AccountSnapshot.SecondFactor.TOTP), null, T.minusSeconds(60), "en", 4, "blue heron"),
                new SecurityEvent(id(4), T, ACCOUNT, SecurityEvent.Type.SESSION_REVOKED, "s-1",
                        SecurityEvent.SessionEndReason.DEVICE_LIMIT, "203.0.113.9", "device-1", Map.of("k", "v")),
                new NotificationRequested(id(5), T, ACCOUNT, id(6), NotificationRequested.Channel.EMAIL, null,
                        "login-code", "en", Map.of("ip", "203.0.113.9"), "sealed:abc", T.plusSeconds(1800)),
                new NotificationDelivery(id(7), T, ACCOUNT, id(6), NotificationRequested.Channel.SMS,
                        NotificationDelivery.Status.DELIVERED, 2, "msg-9", null),
                new RiskVerdict(id(8), T, ACCOUNT, id(2), 7L, 7, RiskVerdict.Verdict.LOCKED, 0, 0,
                        T.plusSeconds(1800), List.of("5 consecutive password failures"), 12, 0, 5, null),
                new RiskVerdict(id(21), T, ACCOUNT, id(22), 8L, 8, RiskVerdict.Verdict.THROTTLED, 1, 0,
                        null, List.of("ip.throttled"), 13, 4, 5, T.plusSeconds(1800)),
                new AccountRiskState(id(9), T, ACCOUNT, 0, 1, T.plusSeconds(1800), 7, 7L, Set.of("DE"),
                        Set.of("device-1"), "DE", T, 52.52, 13.405, false, null, 12, 0, 5),
                new RiskDecision(id(10), T, ACCOUNT, RiskDecision.Type.LOCKED, id(2), T.plusSeconds(1800),
                        Map.of("failures", "5")),
                new TicketEvent(id(11), T, ACCOUNT, id(12), TicketEvent.Type.ACTION_APPROVED,
                        TicketEvent.CaseKind.TWO_FACTOR_RESET, TicketEvent.ApprovedAction.TWO_FACTOR_RESET, "RESOLVED"),
                new PipelineHeartbeat(id(13), T, "auth-node-1", 3),
                new PipelineHeartbeatEcho(id(14), T, "auth-node-1", id(13), T, 3, 5, 5));
    }

    static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-%012d", n));
    }

    private SampleEvents() {
    }
}
