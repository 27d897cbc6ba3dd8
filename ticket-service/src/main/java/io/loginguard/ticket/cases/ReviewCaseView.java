package io.loginguard.ticket.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a reviewer sees of a case: everything but the documents' bytes (fetched one by one, and audited). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewCaseView(UUID id, CaseType type, CaseStatus status, String accountId, String newPhone,
                             UUID claimedBy, Instant createdAt, Instant firstReplyDueAt, Instant resolutionDueAt,
                             boolean overdue, Instant closedAt, String decisionReason, Instant filesDeleteAfter,
                             List<CaseMessage> messages, List<StoredFile> files, List<AuditEntry> audit) {
}
