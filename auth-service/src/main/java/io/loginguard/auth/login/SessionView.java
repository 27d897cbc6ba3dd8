package io.loginguard.auth.login;

import java.time.Instant;
import java.util.UUID;

/** A new session: the bearer token is shown only in this answer. */
public record SessionView(String token, String tokenType, UUID accountId, Instant expiresAt) implements LoginResult {
}
