package io.loginguard.auth.login;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.Emails;
import io.loginguard.auth.admission.Admission;
import io.loginguard.auth.admission.AdmissionGate;
import io.loginguard.auth.password.PasswordHasher;
import io.loginguard.auth.session.SessionStore;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginAttempted.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Password login. The order is the point: admission (no password is checked unless the gate admits the
 * attempt), the check, the attempt event acknowledged by Kafka, and only then the answer.
 */
@ApplicationScoped
public class LoginService {
    private static final Logger LOG = Logger.getLogger(LoginService.class);

    private final AdmissionGate gate;
    private final PasswordHasher hasher;
    private final LoginAttemptPublisher publisher;
    private final SessionStore sessions;
    private final AccountKeys accountKeys;
    private final Clock clock;
    private final Counter matched;
    private final Counter mismatched;
    private final Counter unknownAccount;

    public LoginService(AdmissionGate gate, PasswordHasher hasher, LoginAttemptPublisher publisher, SessionStore sessions,
                        AccountKeys accountKeys, Clock clock, MeterRegistry registry) {
        this.gate = gate;
        this.hasher = hasher;
        this.publisher = publisher;
        this.sessions = sessions;
        this.accountKeys = accountKeys;
        this.clock = clock;
        this.matched = passwordChecks(registry, "match");
        this.mismatched = passwordChecks(registry, "mismatch");
        this.unknownAccount = passwordChecks(registry, "unknown_account");
    }

    private static Counter passwordChecks(MeterRegistry registry, String outcome) {
        return Counter.builder("loginguard.password.checks")
                .description("passwords checked against a hash (admitted attempts only)")
                .tag("outcome", outcome)
                .register(registry);
    }

    public SessionView login(LoginRequest request, ClientInfo client) {
        String email = Emails.normalize(request.email());
        Optional<Account> account = Account.findByEmail(email);
        String key = account.map(a -> a.id.toString()).orElseGet(() -> accountKeys.unknown(email));

        Admission admission = admit(key);
        if (!admission.admitted()) {
            publish(attempt(key, null, Outcome.REJECTED_LOCKED, client));
            throw refused(admission);
        }
        boolean matches = check(account, request.password());
        Outcome outcome = account.isEmpty() ? Outcome.UNKNOWN_ACCOUNT : matches ? Outcome.SUCCEEDED : Outcome.BAD_PASSWORD;
        // If this fails, the slot stays counted as a failure: the event may have reached Kafka all the same.
        // A slot whose event never did is given up after the lost-attempt timeout.
        publish(attempt(key, admission.sequence(), outcome, client));
        if (!matches) {
            // the same answer whether the account exists or not: no user enumeration
            throw new ApiException(Problem.of(401, "invalid_credentials", "Invalid credentials",
                    "the email or the password is wrong"));
        }
        Account a = account.get();
        if (a.status == Account.Status.FROZEN) {
            throw new ApiException(Problem.of(403, "account_frozen", "Account frozen",
                    "this account is frozen; it can be reactivated through a verification case"));
        }
        rehashIfNeeded(a, request.password());
        SessionStore.IssuedSession s = sessions.create(a.id);
        return new SessionView(s.token(), "Bearer", s.accountId(), s.expiresAt());
    }

    private boolean check(Optional<Account> account, String password) {
        boolean matches;
        if (account.isPresent()) {
            matches = hasher.verify(account.get().passwordHash, password);
        } else {
            hasher.verifyAgainstDummy(password);
            matches = false;
        }
        (account.isEmpty() ? unknownAccount : matches ? matched : mismatched).increment();
        return matches;
    }

    private void rehashIfNeeded(Account account, String password) {
        if (hasher.needsRehash(account.passwordHash)) {
            String rehashed = hasher.hash(password);
            QuarkusTransaction.requiringNew().run(() -> Account.update(
                    "passwordHash = ?1, updatedAt = ?2 where id = ?3", rehashed, clock.instant(), account.id));
            LOG.infof("rehashed the password of account %s with the current Argon2id parameters", account.id);
        }
    }

    private LoginAttempted attempt(String key, Long sequence, Outcome outcome, ClientInfo client) {
        return new LoginAttempted(UUID.randomUUID(), clock.instant(), key, UUID.randomUUID(), sequence,
                LoginAttempted.Stage.PASSWORD, outcome, LoginAttempted.Method.EMAIL_PASSWORD, client.ip(), null, null, null,
                client.deviceId(), client.userAgent(), null);
    }

    private Admission admit(String key) {
        try {
            return gate.admit(key);
        } catch (RuntimeException e) {
            throw unavailable("the admission gate (Redis) failed", e);
        }
    }

    /** Every attempt is on the topic before its answer: if it cannot be, the answer is "try again shortly". */
    private void publish(LoginAttempted attempt) {
        try {
            publisher.publish(attempt);
        } catch (RuntimeException e) {
            throw unavailable("a login attempt could not be published to Kafka", e);
        }
        try {
            gate.published(attempt.accountKey(), attempt.admitted());
        } catch (RuntimeException e) {
            // the attempt is on its way to risk, whose verdict settles the count; until then its slot looks
            // unpublished, which only matters if risk stays silent past the lost-attempt timeout
            LOG.warnf("could not record attempt %s as published: %s", attempt.attemptId(), e.getMessage());
        }
    }

    private static ApiException unavailable(String what, RuntimeException e) {
        LOG.errorf("%s: %s", what, e.getMessage());
        return new ApiException(Problem.of(503, "unavailable", "Login temporarily unavailable",
                "login is temporarily unavailable; please try again shortly"), java.time.Duration.ofSeconds(5));
    }

    private static ApiException refused(Admission admission) {
        if (admission.refusal() == Admission.Refusal.RISK_UNAVAILABLE) {
            return new ApiException(Problem.of(503, "risk_unavailable", "Login temporarily unavailable",
                    "security checks are not answering; please try again shortly"), admission.retryAfter());
        }
        return new ApiException(Problem.of(429, "too_frequent", "Operations too frequent",
                "Operations too frequent. Please try again later."), admission.retryAfter());
    }
}
