package io.loginguard.auth.me;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.session.SessionStore;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The account behind a request's bearer session token, or a 401. */
@ApplicationScoped
public class CurrentAccount {
    private final SessionStore sessions;

    public CurrentAccount(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** The session id behind the request's token (to tell "this one" among the account's sessions). */
    public String sessionId(String authorization) {
        return sessions.idOf(token(authorization)).orElse(null);
    }

    private static String token(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }

    public Account of(String authorization) {
        String token = token(authorization);
        UUID id = sessions.accountOf(token).orElseThrow(() -> new ApiException(Problem.of(401, "unauthorized",
                "Not logged in", "send the session token from POST /api/v1/sessions as 'Authorization: Bearer <token>'")));
        Account a = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findByIdOptional(id).orElse(null));
        if (a == null || a.status != Account.Status.ACTIVE) {
            throw new ApiException(Problem.of(401, "unauthorized", "Not logged in", "this session is no longer valid"));
        }
        return a;
    }
}
