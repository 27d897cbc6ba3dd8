package io.loginguard.ticket.cases;

import java.util.List;

/** Where a case stands. APPROVED and REJECTED are final. */
public enum CaseStatus {
    OPEN, IN_REVIEW, WAITING_FOR_PERSON, APPROVED, REJECTED;

    /** The statuses a reviewer may still act on, as SQL values. */
    public static final List<String> ACTIVE = List.of(OPEN.name(), IN_REVIEW.name(), WAITING_FOR_PERSON.name());

    public boolean closed() {
        return this == APPROVED || this == REJECTED;
    }
}
