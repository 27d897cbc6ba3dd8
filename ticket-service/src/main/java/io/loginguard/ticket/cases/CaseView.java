package io.loginguard.ticket.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the person sees of their case: status, deadlines, messages, and which files were received. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseView(UUID id, CaseType type, CaseStatus status, Instant createdAt, Instant firstReplyDueAt,
                       Instant resolutionDueAt, Instant closedAt, String decisionReason, List<CaseMessage> messages,
                       List<StoredFile> files) {
}
