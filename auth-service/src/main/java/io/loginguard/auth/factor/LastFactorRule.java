package io.loginguard.auth.factor;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.passkey.Passkey;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * The policy {@code loginguard.auth.factors.required}: an account keeps one second factor once it has one. The one
 * place that counts what is left: TOTP (with its backup codes), SMS, email and each passkey are one each. It locks the
 * account row, as every removal of a second factor does, so of two removals at once the second waits and counts
 * what the first left. Call in a transaction.
 */
@ApplicationScoped
public class LastFactorRule {
    private final boolean required;

    public LastFactorRule(AuthConfig config) {
        this.required = config.factors().required();
    }

    /** Whether the factor may be turned off: always, unless the policy holds and it is the last. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean mayTurnOff(UUID accountId, SecondFactor.Kind kind) {
        if (!required) {
            return true;
        }
        Account.findByIdForUpdate(accountId);
        boolean enabled = SecondFactor.enabledOf(accountId).stream().anyMatch(f -> f.kind == kind);
        return count(accountId) - (enabled ? 1 : 0) > 0;
    }

    /** Refuses (409 {@code last_factor}) to turn the factor off when {@link #mayTurnOff} says no. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireMayTurnOff(UUID accountId, SecondFactor.Kind kind) {
        if (!mayTurnOff(accountId, kind)) {
            throw lastFactor();
        }
    }

    /** Refuses (409 {@code last_factor}) to remove one passkey when it is the account's last second factor. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireAnotherFactor(UUID accountId) {
        if (required && count(accountId) <= 1) {
            throw lastFactor();
        }
    }

    private static long count(UUID accountId) {
        return SecondFactor.enabledOf(accountId).size() + Passkey.countOf(accountId);
    }

    private static ApiException lastFactor() {
        return new ApiException(Problem.of(409, "last_factor", "Last second factor",
                "this account must keep a second factor: enable another one before removing this one"));
    }
}
