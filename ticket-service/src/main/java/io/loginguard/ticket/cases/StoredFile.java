package io.loginguard.ticket.cases;

import java.time.Instant;
import java.util.UUID;

/** What is known of a stored document without opening it. */
public record StoredFile(UUID id, String part, String contentType, long sizeBytes, String sha256, Instant addedAt,
                         Instant deletedAt) {
}
