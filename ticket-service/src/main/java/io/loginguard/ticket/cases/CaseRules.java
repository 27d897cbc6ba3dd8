package io.loginguard.ticket.cases;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.account.AccountRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The time rules of cases, decided from recorded times and an instant given by the caller's clock. */
public final class CaseRules {
    private final TicketPolicy policy;

    public CaseRules(TicketPolicy policy) {
        this.policy = policy;
    }

    /**
     * "If your account was disabled less than 2 hours ago, you cannot unlock it": the instant from which a reactivation
     * may be asked for, when that is still to come; empty when it may be asked for now (2:00:00 after the freeze is
     * allowed, 1:59:59 is not).
     */
    public Optional<Instant> reactivationNotBefore(AccountRecord account, Instant now) {
        if (account.frozenAt() == null) {
            return Optional.empty();
        }
        Instant allowedFrom = account.frozenAt().plus(policy.reactivation().notBeforeAfterFreeze());
        return now.isBefore(allowedFrom) ? Optional.of(allowedFrom) : Optional.empty();
    }

    /** Only a frozen account is reactivated. */
    public boolean canReactivate(AccountRecord account) {
        return account.status() == AccountSnapshot.Status.FROZEN;
    }

    /** The service levels of a case opened at {@code openedAt}: a 2FA reset has its 7-day review, others 48 h. */
    public Sla slaFor(CaseType type, Instant openedAt) {
        Duration resolution = type == CaseType.TWO_FACTOR_RESET
                ? policy.twoFactorReset().reviewWithin() : policy.appeal().resolutionMax();
        return new Sla(openedAt.plus(policy.appeal().firstReplyWithin()), openedAt.plus(resolution), null, null,
                Duration.ZERO, null);
    }

    /** When the files of a case closed at {@code closedAt} are deleted. */
    public Instant filesDeleteAfter(Instant closedAt) {
        return closedAt.plus(policy.retention().filesAfterClose());
    }
}
