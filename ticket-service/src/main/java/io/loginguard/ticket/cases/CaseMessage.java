package io.loginguard.ticket.cases;

import java.time.Instant;

/** A message on a case: from the PERSON or a REVIEWER. */
public record CaseMessage(String author, String body, Instant at) {
}
