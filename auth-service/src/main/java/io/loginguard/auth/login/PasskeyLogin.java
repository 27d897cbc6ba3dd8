package io.loginguard.auth.login;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.admission.Admission;
import io.loginguard.auth.admission.AdmissionGate;
import io.loginguard.auth.passkey.PasskeyAssertions;
import io.loginguard.auth.session.SessionStore;
import io.loginguard.auth.session.Sessions;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginAttempted.Outcome;
import io.loginguard.events.RiskVerdict;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Passwordless login with a passkey (a discoverable credential, no identifier typed). The same order as a password
 * login: the account (from the credential id the assertion names), the admission gate at the PASSWORD stage, the
 * check (challenge, signature with user verification, sign counter), the attempt on auth.login-attempts (stage
 * PASSWORD, method PASSKEY), risk's verdict, and only then a session. A passkey with user verification is two
 * factors in itself (the device, and the PIN or biometric that unlocks it), so no second step follows.
 */
@ApplicationScoped
public class PasskeyLogin {
    static final String PURPOSE = "login";

    private final PasskeyAssertions passkeys;
    private final AdmissionGate gate;
    private final LoginService login;
    private final VerdictWait verdictWait;
    private final Sessions sessions;
    private final AccountKeys accountKeys;
    private final Clock clock;

    public PasskeyLogin(PasskeyAssertions passkeys, AdmissionGate gate, LoginService login, VerdictWait verdictWait,
                        Sessions sessions, AccountKeys accountKeys, Clock clock) {
        this.passkeys = passkeys;
        this.gate = gate;
        this.login = login;
        this.verdictWait = verdictWait;
        this.sessions = sessions;
        this.accountKeys = accountKeys;
        this.clock = clock;
    }

    /** Options for navigator.credentials.get() with no allowCredentials: the browser offers its passkeys. */
    public Map<String, Object> options() {
        return QuarkusTransaction.requiringNew().call(() -> passkeys.options(PURPOSE, null, true));
    }

    public SessionView login(PasskeyAssertions.Assertion assertion, ClientInfo client) {
        Optional<Account> account = passkeys.accountOf(assertion).flatMap(id ->
                QuarkusTransaction.requiringNew().call(() -> Account.findByIdOptional(id)));
        // a credential id nobody registered: counted under a keyed hash of it, as an unknown identifier is
        String key = account.map(a -> a.id.toString()).orElseGet(() -> accountKeys.unknown(
                "passkey:" + (assertion == null || assertion.id() == null ? "" : assertion.id())));
        String master = account.map(a -> a.masterAccountId).map(UUID::toString).orElse(null);
        Admission admission;
        try {
            admission = gate.admit(key, AdmissionGate.Stage.PASSWORD,
                    account.map(a -> a.riskLockoutThreshold).map(Short::intValue).orElse(null), client.source());
        } catch (RuntimeException e) {
            throw new ApiException(Problem.of(503, "unavailable", "Login temporarily unavailable",
                    "login is temporarily unavailable; please try again shortly"), Duration.ofSeconds(5));
        }
        if (!admission.admitted()) {
            login.publish(attempt(key, master, null, Outcome.REJECTED_LOCKED, client));
            throw LoginService.refused(admission);
        }
        // checked even for an unknown passkey, so its challenge is spent as any other's
        UUID expected = account.map(a -> a.id).orElseGet(UUID::randomUUID);
        boolean ok = QuarkusTransaction.requiringNew().call(() -> passkeys.check(assertion, PURPOSE, expected, true)).ok()
                && account.isPresent();
        // a failed first-stage credential is BAD_PASSWORD to risk: what it counts towards the password-stage lock
        // (risk counts PASSWORD-stage BAD_PASSWORD and UNKNOWN_ACCOUNT; a BAD_CODE there would count for nothing)
        Outcome outcome = account.isEmpty() ? Outcome.UNKNOWN_ACCOUNT : ok ? Outcome.SUCCEEDED : Outcome.BAD_PASSWORD;
        LoginAttempted attempt = attempt(key, master, admission.sequence(), outcome, client);
        if (!ok) {
            login.publish(attempt);
            throw SecondStep.invalidPasskey();
        }
        Account a = account.get();
        CompletableFuture<RiskVerdict> verdict = verdictWait.expect(attempt.attemptId());
        try {
            login.publish(attempt);
            if (a.status == Account.Status.FROZEN) {
                throw new ApiException(Problem.of(403, "account_frozen", "Account frozen",
                        "this account is frozen; it can be reactivated through a verification case"));
            }
            if (a.status != Account.Status.ACTIVE) {
                throw new ApiException(Problem.of(403, "verification_required", "Verification required",
                        "confirm your email or phone number with the code we sent (POST /api/v1/accounts/verification)"));
            }
            verdictWait.requireAllowed(verdict);
        } finally {
            verdictWait.forget(attempt.attemptId());
        }
        SessionStore.IssuedSession s = sessions.open(a.id, client);
        return new SessionView(s.token(), "Bearer", s.accountId(), s.expiresAt());
    }

    private LoginAttempted attempt(String key, String master, Long sequence, Outcome outcome, ClientInfo client) {
        return new LoginAttempted(UUID.randomUUID(), clock.instant(), key, UUID.randomUUID(), sequence,
                LoginAttempted.Stage.PASSWORD, outcome, LoginAttempted.Method.PASSKEY, client.ip(), client.country(),
                client.latitude(), client.longitude(), client.deviceId(), client.userAgent(), master);
    }
}
