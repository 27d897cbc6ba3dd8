package io.loginguard.auth.me;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.session.SessionStore;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;

/** The account behind a request's bearer session token, or a 401. */
@ApplicationScoped
public class CurrentAccount {
    private final SessionStore sessions;

    public CurrentAccount(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** The account and its session behind a request's token (to tell "this one" among the account's sessions). */
    public record Caller(Account account, String sessionId) {
    }

    private static String token(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }

    public Account of(String authorization) {
        return caller(authorization).account();
    }

    public Caller caller(String authorization) {
        SessionStore.LiveSession s = sessions.touch(token(authorization)).orElseThrow(() -> new ApiException(
                Problem.of(401, "unauthorized", "Not logged in",
                        "send the session token from POST /api/v1/sessions as 'Authorization: Bearer <token>'")));
        Account a = Account.findByIdOptional(s.accountId()).orElse(null); // one statement: no transaction needed
        if (a == null || a.status != Account.Status.ACTIVE) {
            throw new ApiException(Problem.of(401, "unauthorized", "Not logged in", "this session is no longer valid"));
        }
        return new Caller(a, s.id());
    }
}
