package io.loginguard.auth.reset;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.AccountEvents;
import io.loginguard.auth.account.Identifier;
import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.factor.Factors;
import io.loginguard.auth.factor.ProofFailures;
import io.loginguard.auth.factor.SecondFactor;
import io.loginguard.auth.password.PasswordHasher;
import io.loginguard.auth.password.PasswordRule;
import io.loginguard.auth.password.PasswordPolicy;
import io.loginguard.auth.session.Sessions;
import io.loginguard.auth.verification.Codes;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.auth.verification.VerificationCode;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.SecurityEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Forgot password (seed 000, FAQ Q3): a link valid for one hour, single use, to the account's email (or phone).
 * Asking answers the same 202 for every identifier. Using it still needs the second factor when one is enabled,
 * ends every session, and tells risk (which holds withdrawals for a while) through auth.security-events.
 */
@ApplicationScoped
public class PasswordResets {
    private static final Logger LOG = Logger.getLogger(PasswordResets.class);

    private final SecureRandom random = new SecureRandom();
    private final AuthConfig config;
    private final PasswordRule policy;
    private final PasswordHasher hasher;
    private final Factors factors;
    private final Sessions sessions;
    private final AccountEvents events;
    private final Codes codes;
    private final ResendLimiter limiter;
    private final Clock clock;
    private final ProofFailures proofFailures;

    public PasswordResets(AuthConfig config, PasswordRule policy, PasswordHasher hasher, Factors factors,
                          Sessions sessions, AccountEvents events, Codes codes, ResendLimiter limiter, Clock clock,
                          ProofFailures proofFailures) {
        this.proofFailures = proofFailures;
        this.config = config;
        this.policy = policy;
        this.hasher = hasher;
        this.factors = factors;
        this.sessions = sessions;
        this.events = events;
        this.codes = codes;
        this.limiter = limiter;
        this.clock = clock;
    }

    /** Sends a link if the identifier has an active account, within the resend limit; silent otherwise. */
    public void request(Identifier id) {
        if (limiter.take("resets", id.value()).isPresent()) {
            return; // the same 202: the limit tells nothing about the identifier either
        }
        QuarkusTransaction.requiringNew().run(() -> Account.findByIdentifier(id)
                .filter(a -> a.status == Account.Status.ACTIVE)
                .ifPresent(a -> sendLink(a, id)));
    }

    private void sendLink(Account a, Identifier id) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        PasswordReset r = new PasswordReset();
        r.id = UUID.randomUUID();
        r.accountId = a.id;
        r.tokenHash = sha256(token);
        r.createdAt = now;
        r.expiresAt = now.plus(config.reset().validity());
        r.insert();
        codes.send(now, a.id, r.id, id.isEmail() ? VerificationCode.Channel.EMAIL : VerificationCode.Channel.SMS,
                id.value(), "password-reset-link", a.locale,
                Map.of("validMinutes", Long.toString(config.reset().validity().toMinutes())),
                Map.of("link", config.reset().linkBase() + token), r.expiresAt);
        LOG.infof("password reset link sent for account %s", a.id);
    }

    /** Sets the new password with a live link (and the second factor, when the account has one). */
    public void complete(String token, String newPassword, LoginAttempted.Method method, String code) {
        record Outcome(String problem, UUID accountId, List<LoginAttempted.Method> methods) {
        }
        String hash = hasher.hash(newPassword); // outside the transaction: tens of ms
        Outcome o = QuarkusTransaction.requiringNew().call(() -> {
            PasswordReset r = token == null || token.length() > 100 ? null
                    : PasswordReset.byTokenHashForUpdate(sha256(token)).orElse(null);
            if (r == null || r.usedAt != null) {
                return new Outcome("invalid_token", null, List.of());
            }
            if (!clock.instant().isBefore(r.expiresAt)) {
                return new Outcome("token_expired", null, List.of());
            }
            Account a = Account.findByIdOptional(r.accountId).orElseThrow();
            List<PasswordPolicy.Violation> broken = policy.check(newPassword, a.email != null ? a.email : a.phone);
            if (!broken.isEmpty()) {
                return new Outcome("weak:" + broken.get(0).code(), a.id, List.of());
            }
            List<LoginAttempted.Method> methods = factors.methodsOf(a.id);
            if (!methods.isEmpty()) {
                if (method == null) {
                    return new Outcome("second_factor_required", a.id, methods);
                }
                // whoever holds the link may not guess codes for its hour: counted as every proof is (429 past 5)
                ProofFailures.Place place = proofFailures.take(a.id);
                if (!methods.contains(method) || !factors.check(a.id, method, code)) {
                    return new Outcome("invalid_code", a.id, methods);
                }
                place.succeeded();
            }
            r.markUsed(clock.instant());
            a.passwordHash = hash;
            a.updatedAt = r.usedAt;
            a.update();
            events.changed(a, SecurityEvent.Type.PASSWORD_RESET, Map.of());
            // before the commit: if Redis cannot end the sessions, nothing changes and the link still works, rather
            // than a new password with a thief's sessions alive
            sessions.endAllBut(a.id, null, SecurityEvent.SessionEndReason.PASSWORD_RESET, null);
            return new Outcome(null, a.id, methods);
        });
        if (o.problem() == null) {
            return;
        }
        throw problem(o.problem(), o.methods());
    }

    /**
     * The second-factor methods a live link's account can complete a reset with (its factors' methods; a passkey is
     * not taken for a reset); none when the link is unknown, used or expired.
     */
    public List<LoginAttempted.Method> methodsFor(String token) {
        if (token == null || token.length() > 100) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> PasswordReset.byTokenHash(sha256(token))
                .filter(r -> r.usedAt == null && clock.instant().isBefore(r.expiresAt))
                .map(r -> factors.methodsOf(r.accountId).stream()
                        .filter(m -> m != LoginAttempted.Method.PASSKEY).toList())
                .orElse(List.of()));
    }

    /**
     * Sends a code of the account's SMS or email second factor, for completing a reset with it (as the login's second
     * step sends one): a live link is the only credential, and the login's per-destination limit applies.
     */
    public void sendCode(String token, VerificationCode.Channel channel) {
        String problem = QuarkusTransaction.requiringNew().call(() -> {
            PasswordReset r = token == null || token.length() > 100 ? null
                    : PasswordReset.byTokenHashForUpdate(sha256(token)).orElse(null);
            if (r == null || r.usedAt != null) {
                return "invalid_token";
            }
            if (!clock.instant().isBefore(r.expiresAt)) {
                return "token_expired";
            }
            SecondFactor.Kind kind = channel == VerificationCode.Channel.SMS ? SecondFactor.Kind.SMS : SecondFactor.Kind.EMAIL;
            SecondFactor f = SecondFactor.of(r.accountId, kind).filter(x -> x.enabled).orElse(null);
            if (f == null) {
                return "method_not_available";
            }
            limiter.take("login-codes", f.destination).ifPresent(wait -> {
                throw ApiException.tooFrequent("a code was sent a moment ago; please wait before asking again", wait);
            });
            String locale = Account.findByIdOptional(r.accountId).map(a -> a.locale).orElse("en");
            codes.issue(new Codes.Delivery(r.accountId, VerificationCode.Purpose.LOGIN, channel, f.destination,
                    "login-code", locale));
            return null;
        });
        if (problem != null) {
            throw "method_not_available".equals(problem)
                    ? new ApiException(Problem.of(400, "method_not_available", "Method not available",
                            "this account has no " + channel.name().toLowerCase(java.util.Locale.ROOT) + " second factor"))
                    : problem(problem, List.of());
        }
    }

    private ApiException problem(String code, List<LoginAttempted.Method> methods) {
        if (code.startsWith("weak:")) {
            return new ApiException(Problem.invalid(code.substring(5), "the new password is too weak",
                    List.of(new Problem.FieldError("password", "does not meet the password rule", code.substring(5)))));
        }
        return switch (code) {
            case "token_expired" -> new ApiException(Problem.of(400, "token_expired", "Link expired",
                    "this reset link has expired (it is valid for one hour); ask for a new one"));
            case "second_factor_required" -> new ApiException(Problem.of(403, "second_factor_required",
                    "Second factor required", "this account has a second factor: send 'method' (one of "
                            + methods + ") and its 'code' with the new password"));
            case "invalid_code" -> ApiException.invalidCode(401, "the second factor's code is wrong or already used");
            default -> new ApiException(Problem.of(400, "invalid_token", "Invalid link",
                    "this reset link is unknown or was already used; ask for a new one"));
        };
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
