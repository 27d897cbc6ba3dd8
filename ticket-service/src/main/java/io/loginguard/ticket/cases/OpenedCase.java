package io.loginguard.ticket.cases;

import java.time.Instant;
import java.util.UUID;

/** The answer to a case opened: its id and deadlines. The access token is mailed, never returned here. */
public record OpenedCase(UUID id, CaseType type, CaseStatus status, Instant createdAt, Instant firstReplyDueAt,
                         Instant resolutionDueAt, String accessTokenSentTo) {
}
