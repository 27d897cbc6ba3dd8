package io.loginguard.auth.login;

import io.loginguard.events.LoginAttempted;
import java.time.Instant;
import java.util.List;

/** The password was right and risk allowed it: the second step, with the methods the account has. */
public record ChallengeView(String status, String challengeId, List<LoginAttempted.Method> methods, Instant expiresAt)
        implements LoginResult {
    static ChallengeView of(ChallengeStore.Challenge c) {
        return new ChallengeView("second_factor_required", c.id(), c.methods(), c.expiresAt());
    }
}
