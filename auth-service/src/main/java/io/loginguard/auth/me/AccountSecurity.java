package io.loginguard.auth.me;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.AccountEvents;
import io.loginguard.auth.factor.Factors;
import io.loginguard.auth.login.ClientInfo;
import io.loginguard.auth.password.PasswordHasher;
import io.loginguard.auth.password.PasswordRule;
import io.loginguard.auth.session.Sessions;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.SecurityEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;

/**
 * What a person does to their own account's security: freezing it ("disable account", seed 003), changing the
 * password, and setting the anti-phishing code every genuine email shows. A freeze needs the password or a second factor, tried at most once
 * a minute and five times an hour, so a stolen session cannot guess the password through it.
 */
@ApplicationScoped
public class AccountSecurity {
    private final PasswordHasher hasher;
    private final PasswordRule passwordRule;
    private final Factors factors;
    private final Sessions sessions;
    private final AccountEvents events;
    private final ResendLimiter limiter;
    private final Clock clock;

    public AccountSecurity(PasswordHasher hasher, PasswordRule passwordRule, Factors factors, Sessions sessions, AccountEvents events,
                           ResendLimiter limiter, Clock clock) {
        this.hasher = hasher;
        this.passwordRule = passwordRule;
        this.factors = factors;
        this.sessions = sessions;
        this.events = events;
        this.limiter = limiter;
        this.clock = clock;
    }

    /** How the person proves it is them: the password, or a second factor's code. */
    public record Proof(String password, LoginAttempted.Method method, String code) {
    }

    public void freeze(Account account, Proof proof, ClientInfo by) {
        limiter.take("freeze", account.id.toString()).ifPresent(wait -> {
            throw ApiException.tooFrequent("please wait before trying again", wait);
        });
        boolean proven = proof.password() != null
                ? hasher.verify(account.passwordHash, proof.password())
                : proof.method() != null && QuarkusTransaction.requiringNew().call(() ->
                        factors.methodsOf(account.id).contains(proof.method())
                                && factors.check(account.id, proof.method(), proof.code()));
        if (!proven) {
            throw new ApiException(Problem.of(401, "invalid_credentials", "Invalid credentials",
                    "the password or the code is wrong"));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Account a = Account.findByIdOptional(account.id).orElseThrow();
            a.status = Account.Status.FROZEN;
            a.frozenAt = clock.instant();
            a.updatedAt = a.frozenAt;
            a.update();
            events.changed(a, SecurityEvent.Type.ACCOUNT_FROZEN, Map.of("by", "owner"));
        });
        sessions.endAllBut(account.id, null, SecurityEvent.SessionEndReason.ACCOUNT_FROZEN, by);
    }

    /**
     * A new password, proven by the current one: every other session ends (a thief's session does not outlive the
     * change) and PASSWORD_CHANGED is published. Limited like the freeze, so a stolen session cannot guess through it.
     */
    public void changePassword(Account account, String keepSessionId, String currentPassword, String newPassword,
                               ClientInfo by) {
        limiter.take("password-change", account.id.toString()).ifPresent(wait -> {
            throw ApiException.tooFrequent("please wait before trying again", wait);
        });
        if (!hasher.verify(account.passwordHash, currentPassword)) {
            throw new ApiException(Problem.of(401, "invalid_credentials", "Invalid credentials",
                    "the current password is wrong"));
        }
        passwordRule.require(newPassword, account.email != null ? account.email : account.phone, "newPassword");
        String hash = hasher.hash(newPassword); // outside the transaction: tens of ms
        QuarkusTransaction.requiringNew().run(() -> {
            Account a = Account.findByIdOptional(account.id).orElseThrow();
            a.passwordHash = hash;
            a.updatedAt = clock.instant();
            a.update();
            events.changed(a, SecurityEvent.Type.PASSWORD_CHANGED, Map.of());
        });
        sessions.endAllBut(account.id, keepSessionId, SecurityEvent.SessionEndReason.PASSWORD_CHANGED, by);
    }

    public void setAntiPhishingCode(Account account, String code) {
        QuarkusTransaction.requiringNew().run(() -> {
            Account a = Account.findByIdOptional(account.id).orElseThrow();
            a.antiPhishingCode = code;
            a.updatedAt = clock.instant();
            a.update();
            events.snapshotOnly(a);
        });
    }
}
