package io.loginguard.risk.engine;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.TicketEvent;
import io.loginguard.events.TicketEvent.ApprovedAction;
import io.loginguard.events.TicketEvent.CaseKind;
import io.loginguard.risk.DerivedEventIds;
import io.loginguard.risk.config.HoldSettings;
import io.loginguard.risk.holds.WithdrawalHolds;
import io.loginguard.risk.lockout.LockoutPolicy;
import io.loginguard.risk.lockout.SourceLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.UUID;

/**
 * What the events that are not login attempts do to an account: reviewers' approvals and cases (ticket.events),
 * password resets (auth.security-events) and freezes (auth.accounts). Each is idempotent by construction (a hold is
 * kept under its cause, a lift of no lock lifts nothing), so a redelivered event changes nothing. A change auth must
 * see (a lock lifted, a hold) is a new state version; an event that changes nothing writes nothing.
 */
public final class AccountEventPolicy {
    public static final String REASON_RESTRICTION_LIFTED = "ticket.restriction-lifted";
    public static final String REASON_TWO_FACTOR_RESET = "hold.two-factor-reset";
    public static final String REASON_PASSWORD_RESET = "hold.password-reset";
    public static final String REASON_CASE_REJECTED = "hold.case-rejected";
    /** The {@code status} of a RESOLVED ticket event whose case was turned down. */
    public static final String STATUS_REJECTED = "REJECTED";

    private final HoldSettings holds;
    private final LockoutPolicy lockout;

    public AccountEventPolicy(HoldSettings holds, LockoutPolicy lockout) {
        this.holds = Objects.requireNonNull(holds, "holds");
        this.lockout = Objects.requireNonNull(lockout, "lockout");
    }

    public Change onTicket(AccountRiskState current, RiskProfile profile, TicketEvent e) {
        Draft d = new Draft(current, profile, e.eventId(), e.occurredAt(), e.accountId());
        Instant at = e.occurredAt();
        String hold = WithdrawalHolds.caseHold(e.caseId());
        boolean twoFactorCase = e.caseKind() == CaseKind.TWO_FACTOR_RESET;
        if (e.type() == TicketEvent.Type.OPENED && twoFactorCase
                || e.type() == TicketEvent.Type.ACTION_APPROVED && e.action() == ApprovedAction.TWO_FACTOR_RESET) {
            d.profile.holds(WithdrawalHolds.place(d.before.holds(), hold, at.plus(holds.twoFactorReset())));
            d.holdReason = REASON_TWO_FACTOR_RESET;
        } else if (e.type() == TicketEvent.Type.RESOLVED && twoFactorCase && STATUS_REJECTED.equalsIgnoreCase(e.status())) {
            d.profile.holds(WithdrawalHolds.release(d.before.holds(), hold));
            d.holdReason = REASON_CASE_REJECTED;
        } else if (e.type() == TicketEvent.Type.ACTION_APPROVED) {
            approve(d, e.action(), at);
        }
        return d.finish();
    }

    public Change onSecurityEvent(AccountRiskState current, RiskProfile profile, SecurityEvent e) {
        Draft d = new Draft(current, profile, e.eventId(), e.occurredAt(), e.accountId());
        if (e.type() == SecurityEvent.Type.PASSWORD_RESET) {
            d.profile.holds(WithdrawalHolds.place(d.before.holds(), WithdrawalHolds.passwordResetHold(e.eventId()),
                    e.occurredAt().plus(holds.passwordReset())));
            d.holdReason = REASON_PASSWORD_RESET;
        }
        return d.finish();
    }

    /** The newest snapshot by version says whether the account is frozen; older ones change nothing. */
    public Change onAccountSnapshot(AccountRiskState current, RiskProfile profile, AccountSnapshot s) {
        Draft d = new Draft(current, profile, s.eventId(), s.occurredAt(), s.accountId());
        if (s.version() >= d.before.accountVersion() && s.status() != AccountSnapshot.Status.UNKNOWN) {
            d.profile.frozen(s.status() == AccountSnapshot.Status.FROZEN).accountVersion(s.version())
                    .policy(s.riskPolicy());
        }
        return d.finish();
    }

    private void approve(Draft d, ApprovedAction action, Instant at) {
        switch (action) {
            case IDENTITY_CONFIRMED -> {
                String country = d.before.pendingCountry();
                if (country != null) {
                    d.state().knownCountries(LoginNovelty.withCountry(d.state().base().knownCountries(), country));
                    d.profile.pendingCountry(null);
                }
                if (d.current != null && d.current.stepUpPending()) {
                    d.state().stepUpPending(false);
                }
            }
            case RESTRICTION_LIFTED -> {
                boolean accountLocked = d.current != null && d.current.lockedUntil() != null;
                boolean sourceLocked = !d.before.sources().sources().isEmpty()
                        || d.before.sources().unknownSourceFailures() > 0;
                if (accountLocked || sourceLocked) {
                    d.lifted = lockout.lift(d.current, d.accountKey, d.stateId(), at);
                    d.profile.sources(SourceLedger.EMPTY);
                    d.decide(RiskDecision.Type.UNLOCKED, null, REASON_RESTRICTION_LIFTED);
                }
            }
            case REACTIVATE -> d.profile.frozen(false);
            default -> { }
        }
    }

    /**
     * The outcome of one event.
     *
     * @param state     the account's new state (a new version), or null when auth has nothing new to see
     * @param profile   the account's profile after the event
     * @param decisions what to tell people
     */
    public record Change(AccountRiskState state, RiskProfile profile, List<RiskDecision> decisions) {
    }

    /** One event being applied: the state is only copied (and versioned) when something auth sees changes. */
    private final class Draft {
        final AccountRiskState current;
        final RiskProfile before;
        final RiskProfile.Builder profile;
        final UUID eventId;
        final Instant at;
        final String accountKey;
        final List<RiskDecision> decisions = new ArrayList<>(2);
        AccountRiskState lifted;
        StateDraft state;
        String holdReason;

        Draft(AccountRiskState current, RiskProfile profile, UUID eventId, Instant at, String accountKey) {
            this.current = current;
            this.before = profile == null ? RiskProfile.EMPTY : profile;
            this.profile = before.toBuilder();
            this.eventId = eventId;
            this.at = at;
            this.accountKey = accountKey;
        }

        UUID stateId() {
            return DerivedEventIds.of(eventId, "state");
        }

        StateDraft state() {
            if (state == null) {
                AccountRiskState base = lifted != null ? lifted
                        : current != null ? current : lockout.lift(null, accountKey, stateId(), at);
                state = new StateDraft(base).stamped(stateId(), at, LockoutPolicy.nextVersion(current, at));
            }
            return state;
        }

        void decide(RiskDecision.Type type, Instant until, String reason) {
            decisions.add(new RiskDecision(DerivedEventIds.of(eventId, "decision:" + type), at, accountKey, type,
                    null, until, Map.of("reason", reason)));
        }

        Change finish() {
            RiskProfile after = profile.build();
            SortedMap<String, Instant> inForce = WithdrawalHolds.inForce(after.holds(), at);
            Instant published = current == null ? null : current.withdrawalsHeldUntil();
            Instant heldUntil = WithdrawalHolds.heldUntil(inForce, at);
            switch (WithdrawalHolds.transition(published, heldUntil, at)) {
                case HELD -> {
                    state().withdrawalsHeldUntil(heldUntil);
                    decide(RiskDecision.Type.WITHDRAWALS_HELD, heldUntil,
                            holdReason == null ? REASON_TWO_FACTOR_RESET : holdReason);
                }
                case RELEASED -> {
                    state().withdrawalsHeldUntil(null);
                    decide(RiskDecision.Type.WITHDRAWALS_RELEASED, null,
                            holdReason == null ? RiskEngine.REASON_HOLD_ENDED : holdReason);
                }
                default -> { }
            }
            after = after.toBuilder().holds(inForce).build();
            AccountRiskState next = state != null ? state.build() : lifted;
            return new Change(next, after, List.copyOf(decisions));
        }
    }
}
