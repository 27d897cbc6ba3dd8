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
        outbox.enqueue(Topics.ACCOUNTS, snapshot(a, enabledFactors(a)));
        outbox.enqueue(Topics.SECURITY_EVENTS, new SecurityEvent(UUID.randomUUID(), clock.instant(), a.id.toString(),
                what, null, null, null, null, details));
    }

    /** A change with no event of its own (e.g. the anti-phishing code): only the new snapshot. */
    public void snapshotOnly(Account a) {
        outbox.enqueue(Topics.ACCOUNTS, snapshot(a, enabledFactors(a)));
    }

    private static Set<AccountSnapshot.SecondFactor> enabledFactors(Account a) {
        io.loginguard.auth.factor.SecondFactor.flush();
        Set<AccountSnapshot.SecondFactor> kinds = java.util.EnumSet.noneOf(AccountSnapshot.SecondFactor.class);
        io.loginguard.auth.factor.SecondFactor.enabledOf(a.id)
                .forEach(f -> kinds.add(AccountSnapshot.SecondFactor.valueOf(f.kind.name())));
        return kinds;
    }

    public AccountSnapshot snapshot(Account a, Set<AccountSnapshot.SecondFactor> factors) {
        return new AccountSnapshot(UUID.randomUUID(), clock.instant(), a.id.toString(),
                AccountSnapshot.Status.valueOf(a.status.name()), a.email, a.phone, a.emailVerified, a.phoneVerified,
                factors, a.masterAccountId == null ? null : a.masterAccountId.toString(), a.frozenAt, a.locale,
                a.version, a.antiPhishingCode);
    }
}
