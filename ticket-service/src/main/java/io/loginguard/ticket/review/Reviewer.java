package io.loginguard.ticket.review;

import java.util.UUID;

/** An authenticated reviewer: their own role, never an end-user session. */
public record Reviewer(UUID id, String username) {
}
