package io.loginguard.ticket.cases;

import io.loginguard.events.TicketEvent;
import java.time.Instant;
import java.util.UUID;

/** The ticket.events a case's steps publish. */
final class CaseEvents {
    private CaseEvents() {
    }

    static TicketEvent opened(CaseRow r, Instant at) {
        return new TicketEvent(UUID.randomUUID(), at, r.accountId(), r.id(), TicketEvent.Type.OPENED, r.type().kind(), null,
                CaseStatus.OPEN.name());
    }

    static TicketEvent updated(CaseRow r, Instant at) {
        return new TicketEvent(UUID.randomUUID(), at, r.accountId(), r.id(), TicketEvent.Type.UPDATED, r.type().kind(), null,
                r.status().name());
    }

    static TicketEvent approved(CaseRow r, Instant at) {
        String phone = r.type().onApproval() == TicketEvent.ApprovedAction.PHONE_CHANGE ? r.newPhone() : null;
        return new TicketEvent(UUID.randomUUID(), at, r.accountId(), r.id(), TicketEvent.Type.ACTION_APPROVED, r.type().kind(),
                r.type().onApproval(), CaseStatus.APPROVED.name(), phone);
    }

    static TicketEvent resolved(CaseRow r, Instant at) {
        return new TicketEvent(UUID.randomUUID(), at, r.accountId(), r.id(), TicketEvent.Type.RESOLVED, r.type().kind(), null,
                r.status().name());
    }
}
