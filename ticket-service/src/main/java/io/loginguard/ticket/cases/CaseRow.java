package io.loginguard.ticket.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A case as stored. */
public record CaseRow(UUID id, String accountId, CaseType type, CaseStatus status, String description, String newPhone,
                      String accessTokenHash, UUID claimedBy, Instant createdAt, Instant firstReplyDue,
                      Instant resolutionDue, Instant firstRepliedAt, Instant waitingSince, Duration paused,
                      Instant closedAt, String decisionReason, Instant filesDeleteAfter, Instant filesDeletedAt) {

    public Sla sla() {
        return new Sla(firstReplyDue, resolutionDue, firstRepliedAt, waitingSince, paused, closedAt);
    }
}
