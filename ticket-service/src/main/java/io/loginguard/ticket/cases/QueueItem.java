package io.loginguard.ticket.cases;

import java.time.Instant;
import java.util.UUID;

/** A case in the reviewers' queue, with the deadline that orders it and whether it is past it. */
public record QueueItem(UUID id, CaseType type, CaseStatus status, String accountId, UUID claimedBy, Instant createdAt,
                        Instant nextDueAt, Instant firstReplyDueAt, Instant resolutionDueAt, boolean overdue,
                        boolean waitingForPerson) {
}
