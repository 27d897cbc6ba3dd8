package io.loginguard.risk.engine;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.TicketEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Builds the events that are not attempts for one account, with ids derived from a counter. */
public final class AccountEvents {
    private final String accountId;
    private int built;

    public AccountEvents(String accountId) {
        this.accountId = accountId;
    }

    public TicketEvent ticket(Instant at, TicketEvent.Type type, TicketEvent.CaseKind kind,
                              TicketEvent.ApprovedAction action, String status, UUID caseId) {
        return new TicketEvent(id("ticket"), at, accountId, caseId, type, kind, action, status);
    }

    public TicketEvent approval(Instant at, TicketEvent.ApprovedAction action) {
        return ticket(at, TicketEvent.Type.ACTION_APPROVED, TicketEvent.CaseKind.IDENTITY_VERIFICATION, action, null,
                caseId("approval"));
    }

    public SecurityEvent security(Instant at, SecurityEvent.Type type) {
        return new SecurityEvent(id("security"), at, accountId, type, null, null, "203.0.113.9", "device-1", null);
    }

    public AccountSnapshot snapshot(Instant at, AccountSnapshot.Status status, long version) {
        return new AccountSnapshot(id("snapshot"), at, accountId, status, "a@example.org", null, true, false, null,
                null, status == AccountSnapshot.Status.FROZEN ? at : null, "en", version, null);
    }

    public UUID caseId(String name) {
        return UUID.nameUUIDFromBytes((accountId + ":case:" + name).getBytes(StandardCharsets.UTF_8));
    }

    public static Instant plus(Instant at, Duration d) {
        return at.plus(d);
    }

    private UUID id(String kind) {
        return UUID.nameUUIDFromBytes((accountId + ":" + kind + ":" + (++built)).getBytes(StandardCharsets.UTF_8));
    }
}
