package io.loginguard.auth.session;

import io.loginguard.auth.login.ClientInfo;
import io.loginguard.auth.outbox.Outbox;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Opens and ends device sessions, and tells the account's owner through auth.security-events when a session ended
 * that they did not end from it themselves: the device limit signing out the earliest device, a revocation from
 * another device, a password change.
 */
@ApplicationScoped
public class Sessions {
    private static final Logger LOG = Logger.getLogger(Sessions.class);

    private final SessionStore store;
    private final Outbox outbox;
    private final Clock clock;

    public Sessions(SessionStore store, Outbox outbox, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    public SessionStore.IssuedSession open(UUID accountId, ClientInfo client) {
        SessionStore.IssuedSession s = store.create(accountId, client);
        List<SessionStore.EndedSession> byLimit = s.ended().stream().filter(SessionStore.EndedSession::byDeviceLimit).toList();
        if (!byLimit.isEmpty()) {
            LOG.infof("a login on a new device of %s signed out %d earlier session(s)", accountId, byLimit.size());
            revoked(accountId, byLimit.stream().map(SessionStore.EndedSession::id).toList(),
                    SecurityEvent.SessionEndReason.DEVICE_LIMIT, client);
        }
        return s;
    }

    /** Ends one session and records its revocation with the reason; false if it was not live. */
    public boolean end(UUID accountId, String sessionId, SecurityEvent.SessionEndReason reason, ClientInfo by) {
        if (!store.end(accountId, sessionId)) {
            return false;
        }
        revoked(accountId, List.of(sessionId), reason, by);
        return true;
    }

    /** Ends every session but one (null: all). */
    public void endAllBut(UUID accountId, String keep, SecurityEvent.SessionEndReason reason, ClientInfo by) {
        revoked(accountId, store.endAllBut(accountId, keep), reason, by);
    }

    private void revoked(UUID accountId, List<String> ids, SecurityEvent.SessionEndReason reason, ClientInfo by) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> ids.forEach(id -> outbox.enqueue(Topics.SECURITY_EVENTS,
                    new SecurityEvent(UUID.randomUUID(), clock.instant(), accountId.toString(),
                            SecurityEvent.Type.SESSION_REVOKED, id, reason, by == null ? null : by.ip(),
                            by == null ? null : by.deviceId(), Map.of()))));
        } catch (RuntimeException e) {
            // the sessions are ended all the same; only the notice is lost
            LOG.warnf("could not record the end of %d session(s) of %s: %s", ids.size(), accountId, e.getMessage());
        }
    }
}
