package io.loginguard.ticket.cases;

import java.time.Instant;

/** One step of a case, who took it and when. Entries are only ever added. */
public record AuditEntry(Instant at, String actorKind, String actor, String action, String detail) {
}
