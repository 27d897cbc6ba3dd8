package io.loginguard.auth.login;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.AccountLookup;
import io.loginguard.auth.account.Identifier;
import io.loginguard.auth.admission.Admission;
import io.loginguard.auth.admission.AdmissionGate;
import io.loginguard.auth.factor.Factors;
import io.loginguard.auth.password.PasswordHasher;
import io.loginguard.auth.session.SessionStore;
import io.loginguard.auth.session.Sessions;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Outages;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.LoginAttempted.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
    private final AccountLookup accounts;
    private final VerdictWait verdictWait;
    private final PasswordHasher hasher;
    private final LoginAttemptPublisher publisher;
    private final Sessions sessions;
    private final AccountKeys accountKeys;
    private final Clock clock;
    private final Factors factors;
    private final ChallengeStore challenges;
    private final LoginHistory history;
    private final Counter matched;
    private final Counter mismatched;
    private final Counter unknownAccount;

    public LoginService(AdmissionGate gate, AccountLookup accounts, VerdictWait verdictWait, PasswordHasher hasher, LoginAttemptPublisher publisher, Sessions sessions,
                        AccountKeys accountKeys, Clock clock, MeterRegistry registry, Factors factors,
                        ChallengeStore challenges, LoginHistory history) {
        this.history = history;
        this.factors = factors;
        this.challenges = challenges;
        this.gate = gate;
        this.accounts = accounts;
        this.verdictWait = verdictWait;
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

    public LoginResult login(LoginRequest request, ClientInfo client) {
        Identifier identifier = Identifier.of(request.email(), request.phone());
        Optional<Account> account = accounts.byIdentifier(identifier);
        String key = account.map(a -> a.id.toString()).orElseGet(() -> accountKeys.unknown(identifier.value()));
        LoginAttempted.Method method = identifier.isEmail()
                ? LoginAttempted.Method.EMAIL_PASSWORD : LoginAttempted.Method.PHONE_PASSWORD;
        // a sub-account's attempts name its master, whose risk policy applies to them
        String master = account.map(a -> a.masterAccountId).map(UUID::toString).orElse(null);

        Admission admission = admit(key, account.map(a -> a.riskLockoutThreshold).map(Short::intValue).orElse(null),
                client.source());
        if (!admission.admitted()) {
            publish(attempt(key, master, null, Outcome.REJECTED_LOCKED, method, client));
            throw refused(admission);
        }
        boolean matches = check(account, request.password());
        Outcome outcome = account.isEmpty() ? Outcome.UNKNOWN_ACCOUNT : matches ? Outcome.SUCCEEDED : Outcome.BAD_PASSWORD;
        LoginAttempted attempt = attempt(key, master, admission.sequence(), outcome, method, client);
        if (!matches) {
            refuseFailure(attempt);
        }
        return openSession(account.get(), request.password(), attempt, client);
    }

    /**
     * A wrong password, or an account that does not exist: the same answer either way (no user enumeration), and
     * the same as a right password's while risk throttles the address, so the answer is given after risk's verdict.
     */
    private void refuseFailure(LoginAttempted attempt) {
        CompletableFuture<RiskVerdict> verdict = verdictWait.expect(attempt.attemptId());
        try {
            // If publishing fails, the slot is settled by what may still reach Kafka (settleUnsent).
            publish(attempt);
            verdictWait.refuseIfRefused(verdict);
        } finally {
            verdictWait.forget(attempt.attemptId());
        }
        throw new ApiException(Problem.of(401, "invalid_credentials", "Invalid credentials",
                "the email or the password is wrong"));
    }

    /** The right password: no session before risk has allowed this very attempt. */
    private LoginResult openSession(Account a, String password, LoginAttempted attempt, ClientInfo client) {
        CompletableFuture<RiskVerdict> verdict = verdictWait.expect(attempt.attemptId());
        try {
            publish(attempt);
            if (a.status == Account.Status.FROZEN) {
                throw new ApiException(Problem.of(403, "account_frozen", "Account frozen",
                        "this account is frozen; it can be reactivated through a verification case"));
            }
            if (a.status == Account.Status.PENDING) {
                throw new ApiException(Problem.of(403, "verification_required", "Verification required",
                        "confirm your email or phone number with the code we sent (POST /api/v1/accounts/verification)"));
            }
            verdictWait.requireAllowed(verdict);
        } finally {
            verdictWait.forget(attempt.attemptId());
        }
        rehashIfNeeded(a, password);
        List<LoginAttempted.Method> methods = factors.methodsOf(a.id);
        if (!methods.isEmpty()) {
            return ChallengeView.of(challenges.open(a.id, a.masterAccountId, methods, client));
        }
        SessionStore.IssuedSession s = sessions.open(a.id, client);
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
            Account.replacePasswordHash(account.id, rehashed, clock.instant());
            LOG.infof("rehashed the password of account %s with the current Argon2id parameters", account.id);
        }
    }

    private LoginAttempted attempt(String key, String masterAccountId, Long sequence, Outcome outcome,
                                   LoginAttempted.Method method, ClientInfo client) {
        return new LoginAttempted(UUID.randomUUID(), clock.instant(), key, UUID.randomUUID(), sequence,
                LoginAttempted.Stage.PASSWORD, outcome, method, client.ip(), client.country(), client.latitude(), client.longitude(),
                client.deviceId(), client.userAgent(), masterAccountId);
    }

    private Admission admit(String key, Integer maxChecks, String source) {
        try {
            return gate.admit(key, AdmissionGate.Stage.PASSWORD, maxChecks, source);
        } catch (RuntimeException e) {
            throw unavailable("the admission gate (Redis) failed", e);
        }
    }

    /** Every attempt is on the topic before its answer: if it cannot be, the answer is "try again shortly". */
    void publish(LoginAttempted attempt) {
        try {
            publisher.publish(attempt);
        } catch (RuntimeException e) {
            if (attempt.admitted()) {
                settleUnsent(attempt, e);
            }
            throw unavailable("a login attempt could not be published to Kafka", e);
        }
        history.record(attempt);
        if (!attempt.admitted()) {
            return;
        }
        try {
            gate.published(attempt.accountKey(), attempt.sequence());
        } catch (RuntimeException e) {
            // the attempt is on its way to risk, whose verdict answers its slot; until then the slot looks
            // unpublished, which only matters if risk stays silent past the lost-attempt timeout
            LOG.warnf("could not record attempt %s as published: %s", attempt.attemptId(), e.getMessage());
        }
    }

    /**
     * An admitted attempt whose send failed. Its password check is never answered (the login answers 503 whatever
     * the password), so it has told the client nothing; what matters is whether risk may still count it. Never
     * handed to the producer (an open circuit): its slot is freed at once. A send that timed out may still be
     * written until the producer's delivery timeout: the slot waits as if published then, and the pipeline passing
     * that time gives it up.
     */
    private void settleUnsent(LoginAttempted attempt, RuntimeException e) {
        try {
            if (Outages.circuitOpen(e)) {
                gate.neverSent(attempt.accountKey(), attempt.sequence());
            } else {
                gate.sendUncertain(attempt.accountKey(), attempt.sequence(), clock.instant().plus(publisher.deliveryTimeout()));
            }
        } catch (RuntimeException redis) {
            // the slot stays unpublished and is given up after the lost-attempt timeout
            LOG.warnf("could not settle the unsent attempt %s: %s", attempt.attemptId(), redis.getMessage());
        }
    }

    private static ApiException unavailable(String what, RuntimeException e) {
        LOG.errorf("%s: %s", what, e.getMessage());
        return new ApiException(Problem.of(503, "unavailable", "Login temporarily unavailable",
                "login is temporarily unavailable; please try again shortly"), java.time.Duration.ofSeconds(5));
    }

    static ApiException refused(Admission admission) {
        if (admission.refusal() == Admission.Refusal.REBUILDING) {
            return new ApiException(Problem.of(503, "unavailable", "Login temporarily unavailable",
                    "login is temporarily unavailable; please try again shortly"), admission.retryAfter());
        }
        if (admission.refusal() == Admission.Refusal.RISK_UNAVAILABLE) {
            return new ApiException(Problem.of(503, "risk_unavailable", "Login temporarily unavailable",
                    "security checks are not answering; please try again shortly"), admission.retryAfter());
        }
        return ApiException.tooFrequent("Operations too frequent. Please try again later.", admission.retryAfter());
    }
}
