package io.loginguard.auth.login;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.admission.Admission;
import io.loginguard.auth.admission.AdmissionGate;
import io.loginguard.auth.factor.Factors;
import io.loginguard.auth.factor.SecondFactor;
import io.loginguard.auth.passkey.PasskeyAssertions;
import io.loginguard.auth.session.SessionStore;
import io.loginguard.auth.session.Sessions;
import io.loginguard.auth.verification.Codes;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.auth.verification.VerificationCode;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginAttempted.Outcome;
import io.loginguard.events.RiskVerdict;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The second step of a login: a code of one of the account's factors against an open challenge. It passes the
 * admission gate as its own stage (second-factor checks are counted apart from passwords, and risk decides both),
 * every attempt goes to auth.login-attempts with its stage and method, and a session is issued only after risk has
 * allowed this very attempt and the challenge was consumed by this request.
 */
@ApplicationScoped
public class SecondStep {
    private final ChallengeStore challenges;
    private final AdmissionGate gate;
    private final Factors factors;
    private final LoginService login;
    private final VerdictWait verdictWait;
    private final Sessions sessions;
    private final Codes codes;
    private final ResendLimiter limiter;
    private final Clock clock;
    private final PasskeyAssertions passkeys;

    public SecondStep(ChallengeStore challenges, AdmissionGate gate, Factors factors, LoginService login,
                      VerdictWait verdictWait, Sessions sessions, Codes codes, ResendLimiter limiter, Clock clock,
                      PasskeyAssertions passkeys) {
        this.passkeys = passkeys;
        this.challenges = challenges;
        this.gate = gate;
        this.factors = factors;
        this.login = login;
        this.verdictWait = verdictWait;
        this.sessions = sessions;
        this.codes = codes;
        this.limiter = limiter;
        this.clock = clock;
    }

    public SessionView verify(String challengeId, LoginAttempted.Method method, String code) {
        if (method == LoginAttempted.Method.PASSKEY) {
            throw notAvailable(); // an assertion, not a code: POST .../challenges/{id}/passkey
        }
        return verify(challengeId, method,
                c -> QuarkusTransaction.requiringNew().call(() -> factors.check(c.accountId(), method, code)));
    }

    /** Options for navigator.credentials.get() at this login's second step: the account's passkeys. */
    public java.util.Map<String, Object> passkeyOptions(String challengeId) {
        ChallengeStore.Challenge c = open(challengeId, LoginAttempted.Method.PASSKEY);
        return QuarkusTransaction.requiringNew().call(
                () -> passkeys.options(passkeyPurpose(challengeId), c.accountId(), false));
    }

    /** The second step with a passkey: the assertion must answer a challenge issued for this very login. */
    public SessionView verifyPasskey(String challengeId, PasskeyAssertions.Assertion assertion) {
        return verify(challengeId, LoginAttempted.Method.PASSKEY, c -> QuarkusTransaction.requiringNew().call(
                () -> passkeys.check(assertion, passkeyPurpose(challengeId), c.accountId(), false).ok()));
    }

    private static String passkeyPurpose(String challengeId) {
        return "2fa:" + challengeId;
    }

    private SessionView verify(String challengeId, LoginAttempted.Method method,
                               java.util.function.Predicate<ChallengeStore.Challenge> check) {
        ChallengeStore.Challenge c = open(challengeId, method);
        String key = c.accountId().toString();
        Admission admission;
        try {
            admission = gate.admit(key, AdmissionGate.Stage.SECOND_FACTOR);
        } catch (RuntimeException e) {
            throw new ApiException(Problem.of(503, "unavailable", "Login temporarily unavailable",
                    "login is temporarily unavailable; please try again shortly"), Duration.ofSeconds(5));
        }
        if (!admission.admitted()) {
            login.publish(attempt(c, null, Outcome.REJECTED_LOCKED, method));
            throw LoginService.refused(admission);
        }
        boolean right = check.test(c);
        LoginAttempted attempt = attempt(c, admission.sequence(), right ? Outcome.SUCCEEDED : Outcome.BAD_CODE, method);
        if (!right) {
            login.publish(attempt);
            throw method == LoginAttempted.Method.PASSKEY ? invalidPasskey()
                    : ApiException.invalidCode(401, "the code is wrong or already used");
        }
        CompletableFuture<RiskVerdict> verdict = verdictWait.expect(attempt.attemptId());
        try {
            login.publish(attempt);
            verdictWait.requireAllowed(verdict);
        } finally {
            verdictWait.forget(attempt.attemptId());
        }
        if (!challenges.consume(challengeId)) {
            throw invalidChallenge(); // another request carried this challenge to a session first
        }
        SessionStore.IssuedSession s = sessions.open(c.accountId(), c.client());
        return new SessionView(s.token(), "Bearer", s.accountId(), s.expiresAt());
    }

    /** Sends a login code by SMS or email to the factor's proven destination, within the resend limit. */
    public void sendCode(String challengeId, VerificationCode.Channel channel) {
        LoginAttempted.Method method = channel == VerificationCode.Channel.SMS
                ? LoginAttempted.Method.SMS_CODE : LoginAttempted.Method.EMAIL_CODE;
        ChallengeStore.Challenge c = open(challengeId, method);
        SecondFactor.Kind kind = channel == VerificationCode.Channel.SMS ? SecondFactor.Kind.SMS : SecondFactor.Kind.EMAIL;
        QuarkusTransaction.requiringNew().run(() -> {
            SecondFactor f = SecondFactor.of(c.accountId(), kind).filter(x -> x.enabled).orElseThrow(this::notAvailable);
            Optional<Duration> wait = limiter.take("login-codes", f.destination);
            if (wait.isPresent()) {
                throw ApiException.tooFrequent("a code was sent a moment ago; please wait before asking again",
                        wait.get());
            }
            String locale = Account.findByIdOptional(c.accountId()).map(a -> a.locale).orElse("en");
            codes.issue(new Codes.Delivery(c.accountId(), VerificationCode.Purpose.LOGIN, channel, f.destination,
                    "login-code", locale));
        });
    }

    private ChallengeStore.Challenge open(String challengeId, LoginAttempted.Method method) {
        ChallengeStore.Challenge c = challenges.find(challengeId).orElseThrow(SecondStep::invalidChallenge);
        if (!c.methods().contains(method)) {
            throw notAvailable();
        }
        return c;
    }

    private LoginAttempted attempt(ChallengeStore.Challenge c, Long sequence, Outcome outcome, LoginAttempted.Method method) {
        ClientInfo client = c.client();
        return new LoginAttempted(UUID.randomUUID(), clock.instant(), c.accountId().toString(), UUID.randomUUID(),
                sequence, LoginAttempted.Stage.SECOND_FACTOR, outcome, method, client.ip(), client.country(), client.latitude(), client.longitude(),
                client.deviceId(), client.userAgent(),
                c.masterAccountId() == null ? null : c.masterAccountId().toString());
    }

    static ApiException invalidPasskey() {
        return new ApiException(Problem.of(401, "invalid_passkey", "Passkey not accepted",
                "the passkey was not accepted (unknown, wrong challenge, bad signature or counter); try again"));
    }

    private ApiException notAvailable() {
        return new ApiException(Problem.of(400, "method_not_available", "Method not available",
                "this account has no such second factor; use one of the challenge's methods"));
    }

    private static ApiException invalidChallenge() {
        return new ApiException(Problem.of(401, "invalid_challenge", "Challenge expired",
                "this login step has expired or was already used; log in again"));
    }
}
