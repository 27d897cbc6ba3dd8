package io.loginguard.auth.account;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.login.ClientInfo;
import io.loginguard.auth.password.PasswordHasher;
import io.loginguard.auth.password.PasswordRule;
import io.loginguard.auth.session.Sessions;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.SecurityEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sub-accounts (seed 000, FAQ Q5: "sub-accounts have independent login statuses, but they share the master
 * account's risk control policies"). A master creates one with its own email and password; it logs in on its own,
 * with its own second factors, sessions, device limit and lock, and every attempt and snapshot of it names its
 * master so risk applies the master's policy. The master vouches for the address, as an exchange's "virtual email"
 * sub-accounts do: the sub-account is ACTIVE at once and its email is marked unverified. A sub-account cannot have
 * sub-accounts, and the master may freeze one.
 */
@ApplicationScoped
public class SubAccounts {
    private static final Logger LOG = Logger.getLogger(SubAccounts.class);

    private final PasswordHasher hasher;
    private final PasswordRule passwordRule;
    private final AccountEvents events;
    private final Sessions sessions;
    private final Clock clock;
    private final int max;
    private final int defaultThreshold;

    public SubAccounts(PasswordHasher hasher, PasswordRule passwordRule, AccountEvents events, Sessions sessions,
                       AuthConfig config, Clock clock) {
        this.hasher = hasher;
        this.passwordRule = passwordRule;
        this.events = events;
        this.sessions = sessions;
        this.clock = clock;
        this.max = config.subAccounts().max();
        this.defaultThreshold = config.admission().threshold();
    }

    public AccountView create(Account master, String email, String password) {
        if (master.masterAccountId != null) {
            throw new ApiException(Problem.of(403, "sub_account_not_allowed", "Not allowed",
                    "a sub-account cannot have sub-accounts of its own"));
        }
        Identifier id = Identifier.of(email, null);
        passwordRule.require(password, id.value(), "password");
        String hash = hasher.hash(password); // outside the transaction: tens of ms
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (Account.countSubAccountsOf(master.id) >= max) {
                    throw new ApiException(Problem.of(409, "sub_account_limit", "Too many sub-accounts",
                            "this account already has the most sub-accounts allowed (" + max + ")"));
                }
                if (Account.findByEmail(id.value()).isPresent()) {
                    throw identifierTaken();
                }
                Account a = new Account();
                a.id = UUID.randomUUID();
                a.email = id.value();
                a.passwordHash = hash;
                a.locale = master.locale;
                a.masterAccountId = master.id;
                a.riskLockoutThreshold = master.riskLockoutThreshold; // the master's policy is the sub-account's
                a.riskLockMinutes = master.riskLockMinutes;
                a.status = Account.Status.ACTIVE;
                a.createdAt = clock.instant();
                a.updatedAt = a.createdAt;
                a.insert();
                events.changed(a, SecurityEvent.Type.SUB_ACCOUNT_CREATED, Map.of("master", master.id.toString()));
                LOG.infof("account %s created sub-account %s", master.id, a.id);
                return AccountView.of(a);
            });
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // the same address registered at the same moment: the unique constraint decided
            if (QuarkusTransaction.requiringNew().call(() -> Account.findByEmail(id.value()).isPresent())) {
                throw identifierTaken();
            }
            throw e;
        }
    }

    public List<AccountView> of(Account master) {
        return QuarkusTransaction.requiringNew().call(() -> Account.subAccountsOf(master.id).stream()
                .map(AccountView::of).toList());
    }

    /** The master freezes one of its sub-accounts: every session of it ends, and it logs in no more. */
    public void freeze(Account master, UUID subAccountId, ClientInfo by) {
        boolean frozen = QuarkusTransaction.requiringNew().call(() -> {
            Account a = Account.findByIdOptional(subAccountId)
                    .filter(s -> master.id.equals(s.masterAccountId))
                    .orElseThrow(() -> new ApiException(Problem.of(404, "sub_account_not_found", "No such sub-account",
                            "this account has no sub-account with this id")));
            if (a.status == Account.Status.FROZEN) {
                return false;
            }
            a.status = Account.Status.FROZEN;
            a.frozenAt = clock.instant();
            a.updatedAt = a.frozenAt;
            a.update();
            events.changed(a, SecurityEvent.Type.ACCOUNT_FROZEN, Map.of("by", "master"));
            return true;
        });
        if (frozen) {
            sessions.endAllBut(subAccountId, null, SecurityEvent.SessionEndReason.ACCOUNT_FROZEN, by);
        }
    }

    /** The master's stricter lockout numbers, for itself and every sub-account (null: the default). */
    public record RiskPolicy(Integer lockoutThreshold, Integer lockMinutes) {
    }

    public RiskPolicy policyOf(Account account) {
        return new RiskPolicy(account.riskLockoutThreshold == null ? null : account.riskLockoutThreshold.intValue(),
                account.riskLockMinutes);
    }

    /**
     * A master sets stricter lockout numbers for itself and its sub-accounts: a threshold up to the default (a higher
     * one would not be stricter), a lock of 1 minute to 24 hours (risk uses it only where longer than its own).
     * Every account concerned publishes a new snapshot, which is how risk learns it.
     */
    public RiskPolicy setPolicy(Account master, Integer lockoutThreshold, Integer lockMinutes) {
        if (master.masterAccountId != null) {
            throw new ApiException(Problem.of(403, "sub_account_not_allowed", "Not allowed",
                    "a sub-account follows its master's policy"));
        }
        List<Problem.FieldError> errors = policyErrors(lockoutThreshold, lockMinutes);
        if (!errors.isEmpty()) {
            throw new ApiException(Problem.invalid("invalid_field", "the policy is not acceptable", errors));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            List<Account> concerned = new java.util.ArrayList<>(Account.subAccountsOf(master.id));
            concerned.add(Account.findByIdOptional(master.id).orElseThrow());
            for (Account a : concerned) {
                a.riskLockoutThreshold = lockoutThreshold == null ? null : lockoutThreshold.shortValue();
                a.riskLockMinutes = lockMinutes;
                a.updatedAt = clock.instant();
                a.update();
                events.snapshotOnly(a);
            }
        });
        LOG.infof("account %s set its risk policy (threshold %s, lock %s min) for itself and its sub-accounts",
                master.id, lockoutThreshold, lockMinutes);
        return new RiskPolicy(lockoutThreshold, lockMinutes);
    }

    /** What is wrong with these numbers as a policy, field by field; empty when they are acceptable. */
    public List<Problem.FieldError> policyErrors(Integer lockoutThreshold, Integer lockMinutes) {
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        if (lockoutThreshold != null && (lockoutThreshold < 1 || lockoutThreshold > defaultThreshold)) {
            errors.add(new Problem.FieldError("lockoutThreshold", "must be 1 to " + defaultThreshold
                    + " (stricter than, or equal to, the default)"));
        }
        if (lockMinutes != null && (lockMinutes < 1 || lockMinutes > 1440)) {
            errors.add(new Problem.FieldError("lockMinutes", "must be 1 to 1440"));
        }
        return errors;
    }

    private static ApiException identifierTaken() {
        return new ApiException(Problem.of(409, "identifier_taken", "Email already registered",
                "this email already belongs to an account; choose another for the sub-account"));
    }
}
