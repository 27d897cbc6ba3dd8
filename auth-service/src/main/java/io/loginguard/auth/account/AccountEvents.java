package io.loginguard.auth.account;

import io.loginguard.auth.outbox.Outbox;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Tells the other services about an account, through the outbox, in the transaction of the change: the new
 * {@link AccountSnapshot} on the compacted auth.accounts (notification's contacts, ticket's registered email,
 * risk's sub-account policy), and what happened on auth.security-events.
 */
@ApplicationScoped
public class AccountEvents {
    private final Outbox outbox;
    private final Clock clock;

    public AccountEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Call inside the change's transaction, after the change is flushed (the snapshot carries its version). */
    public void changed(Account a, SecurityEvent.Type what, Map<String, String> details) {
        changed(a, what, details, Set.of());
    }

    /** The same, with the account's enabled second factors (the snapshot carries them). */
    public void changed(Account a, SecurityEvent.Type what, Map<String, String> details,
                        Set<AccountSnapshot.SecondFactor> factors) {
        outbox.enqueue(Topics.ACCOUNTS, snapshot(a, factors));
        outbox.enqueue(Topics.SECURITY_EVENTS, new SecurityEvent(UUID.randomUUID(), clock.instant(), a.id.toString(),
                what, null, null, null, null, details));
    }

    public AccountSnapshot snapshot(Account a, Set<AccountSnapshot.SecondFactor> factors) {
        return new AccountSnapshot(UUID.randomUUID(), clock.instant(), a.id.toString(),
                AccountSnapshot.Status.valueOf(a.status.name()), a.email, a.phone, a.emailVerified, a.phoneVerified,
                factors, a.masterAccountId == null ? null : a.masterAccountId.toString(), a.frozenAt, a.locale,
                a.version, a.antiPhishingCode);
    }
}
