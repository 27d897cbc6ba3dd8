package io.loginguard.auth.passkey;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.AccountEvents;
import io.loginguard.auth.factor.Factors;
import io.loginguard.auth.factor.LastFactorRule;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An account's passkeys as its owner manages them: the list, and removal, which needs a fresh second-factor proof
 * (a code from another factor, as turning a factor off does, or a passkey's signature) and never leaves an account
 * that must keep a second factor ({@code loginguard.auth.factors.required}) without one. Adding one is
 * {@link PasskeyRegistration}; signing with one is {@link PasskeyAssertions}.
 */
@ApplicationScoped
public class Passkeys {
    private final PasskeyAssertions assertions;
    private final Factors factors;
    private final LastFactorRule lastFactor;
    private final AccountEvents events;

    public Passkeys(PasskeyAssertions assertions, Factors factors, LastFactorRule lastFactor, AccountEvents events) {
        this.assertions = assertions;
        this.factors = factors;
        this.lastFactor = lastFactor;
        this.events = events;
    }

    /** A passkey as its owner sees it. */
    public record View(UUID id, String name, Instant createdAt, Instant lastUsedAt, List<String> transports) {
        static View of(Passkey p) {
            return new View(p.id, p.name, p.createdAt, p.lastUsedAt,
                    p.transports == null || p.transports.isBlank() ? List.of() : List.of(p.transports.split(",")));
        }
    }

    /**
     * How the owner proves it is them before a passkey goes: method PASSKEY with an assertion made on
     * {@link #proofOptions}, or another factor's method (TOTP, BACKUP_CODE, ...) with its code.
     */
    public record Proof(LoginAttempted.Method method, String code, PasskeyAssertions.Assertion passkey) {
    }

    @Transactional
    public List<View> list(UUID accountId) {
        return Passkey.of(accountId).stream().map(View::of).toList();
    }

    /** Whether the account has a passkey (so a login's second step may offer one). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean any(UUID accountId) {
        return Passkey.any(accountId);
    }

    /** Request options for a proof with one of the account's own passkeys (its challenge good for that only). */
    public Map<String, Object> proofOptions(Account a) {
        return assertions.options(proofPurpose(a.id), a.id, false);
    }

    /**
     * Removes a passkey after a valid proof. The account row is locked first, as turning a factor off does, so two
     * removals at once cannot both take what each thought was not the last second factor.
     */
    // a wrong proof is an answer, not a failure: its spent code or challenge must stay spent
    @Transactional(dontRollbackOn = ApiException.class)
    public void remove(Account account, UUID id, Proof proof) {
        Account a = Account.findByIdForUpdate(account.id).orElseThrow();
        Passkey p = Passkey.findByIdOptional(id).filter(x -> x.accountId.equals(a.id))
                .orElseThrow(() -> new ApiException(Problem.of(404, "passkey_not_found", "Passkey not found",
                        "this account has no such passkey")));
        lastFactor.requireAnotherFactor(a.id);
        requireProof(a.id, proof);
        String name = p.name;
        p.delete();
        events.changed(a, SecurityEvent.Type.PASSKEY_REMOVED, Map.of("passkeyId", id.toString(), "name", name));
    }

    private void requireProof(UUID accountId, Proof proof) {
        if (proof == null || proof.method() == null) {
            throw ApiException.invalidCode(401, "a second factor is needed: a passkey or another factor's code");
        }
        if (proof.method() != LoginAttempted.Method.PASSKEY) {
            factors.requireProof(accountId, proof.method(), proof.code());
            return;
        }
        if (proof.passkey() == null || !assertions.check(proof.passkey(), proofPurpose(accountId), accountId, false).ok()) {
            throw new ApiException(Problem.of(401, "invalid_passkey", "Passkey not accepted",
                    "the passkey's answer was not accepted; ask for new options and try again"));
        }
    }

    private static String proofPurpose(UUID accountId) {
        return "proof:" + accountId;
    }
}
