package io.loginguard.auth.account;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.password.PasswordHasher;
import io.loginguard.auth.password.PasswordRule;
import io.loginguard.auth.verification.Codes;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.auth.verification.VerificationCode;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.SecurityEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Registration that enumerates nobody: every registration answers the same 202. A new identifier becomes a PENDING
 * account and gets a code; one already registered gets a "someone tried to register with your address" message
 * instead; a PENDING one gets a fresh code and keeps its first password (a second registrant never replaces the
 * password of a registration someone else may be about to verify). Messages to one identifier are limited
 * ({@link ResendLimiter}), so registration cannot be used to bomb an inbox.
 */
@ApplicationScoped
public class RegistrationService {
    private static final Logger LOG = Logger.getLogger(RegistrationService.class);
    static final String SENDS = "codes";

    private final PasswordHasher hasher;
    private final PasswordRule passwordRule;
    private final Codes codes;
    private final ResendLimiter limiter;
    private final AccountEvents events;
    private final Clock clock;
    private final AuthConfig config;

    public RegistrationService(PasswordHasher hasher, PasswordRule passwordRule, AuthConfig config, Codes codes,
                               ResendLimiter limiter, AccountEvents events, Clock clock) {
        this.hasher = hasher;
        this.passwordRule = passwordRule;
        this.codes = codes;
        this.limiter = limiter;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    public RegistrationAccepted register(RegistrationRequest request) {
        Identifier id = Identifier.of(request.email(), request.phone());
        passwordRule.require(request.password(), id.value(), "password");
        String hash = hasher.hash(request.password()); // outside the transaction: it takes tens of ms
        String locale = request.locale() == null ? "en" : request.locale();
        boolean mayMessage = limiter.take(SENDS, id.value()).isEmpty();
        try {
            QuarkusTransaction.requiringNew().run(() -> registerIn(id, hash, locale, mayMessage));
        } catch (RuntimeException e) {
            // two registrations of one identifier racing: the unique constraint decides, and the loser's answer is
            // the same 202 (its message was the winner's to send)
            if (!QuarkusTransaction.requiringNew().call(() -> Account.findByIdentifier(id).isPresent())) {
                throw e;
            }
        }
        return RegistrationAccepted.of(config.codes().validity().toMinutes());
    }

    private void registerIn(Identifier id, String hash, String locale, boolean mayMessage) {
        Optional<Account> existing = Account.findByIdentifier(id);
        if (existing.isPresent() && isExpiredRegistration(existing.get())) {
            existing.get().delete();
            existing = Optional.empty();
        }
        if (existing.isEmpty()) {
            Account a = newPendingAccount(id, hash, locale);
            LOG.infof("registration of %s pending verification (account %s)", id.masked(), a.id);
            if (mayMessage) {
                codes.issue(codeDelivery(a, id));
            }
            return;
        }
        Account a = existing.get();
        if (!mayMessage) {
            return;
        }
        if (a.status == Account.Status.PENDING) {
            codes.issue(codeDelivery(a, id));
        } else {
            LOG.infof("registration attempted with the identifier of account %s", a.id);
            codes.notice(a.id, channel(id), id.value(), "registration-attempt-existing", a.locale);
        }
    }

    /** Proves the identifier with its code: the account becomes ACTIVE. One answer for every kind of failure. */
    public AccountView verify(VerificationRequest request) {
        Identifier id = Identifier.of(request.email(), request.phone());
        record Outcome(Codes.Check check, AccountView account) {
        }
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Account> found = Account.findByIdentifier(id);
            if (found.isEmpty() || found.get().status != Account.Status.PENDING || isExpiredRegistration(found.get())) {
                return new Outcome(Codes.Check.NONE, null);
            }
            Account a = found.get();
            Codes.Check check = codes.check(a.id, VerificationCode.Purpose.REGISTRATION, request.code());
            if (check != Codes.Check.ACCEPTED) {
                return new Outcome(check, null);
            }
            a.status = Account.Status.ACTIVE;
            if (id.isEmail()) {
                a.emailVerified = true;
            } else {
                a.phoneVerified = true;
            }
            a.updatedAt = clock.instant();
            a.update();
            events.changed(a, SecurityEvent.Type.ACCOUNT_VERIFIED, Map.of("channel", channel(id).name()));
            return new Outcome(check, AccountView.of(a));
        });
        return switch (outcome.check()) {
            case ACCEPTED -> {
                LOG.infof("account %s verified its %s", outcome.account().id(), id.isEmail() ? "email" : "phone");
                yield outcome.account();
            }
            case EXPIRED -> throw new ApiException(Problem.of(400, "code_expired", "Code expired",
                    "this code has expired; ask for a new one (POST /api/v1/accounts/verification/code)"));
            default -> throw ApiException.invalidCode(400, "the code is wrong, used up, or was not sent to this identifier");
        };
    }

    /** A new code for a pending registration; the same answer, and the same limit, for any identifier. */
    public RegistrationAccepted resend(CodeRequest request) {
        Identifier id = Identifier.of(request.email(), request.phone());
        Optional<Duration> wait = limiter.take(SENDS, id.value());
        if (wait.isPresent()) {
            throw ApiException.tooFrequent(
                    "a code was sent to this identifier a moment ago; please wait before asking again", wait.get());
        }
        QuarkusTransaction.requiringNew().run(() -> Account.findByIdentifier(id)
                .filter(a -> a.status == Account.Status.PENDING && !isExpiredRegistration(a))
                .ifPresent(a -> codes.issue(codeDelivery(a, id))));
        return RegistrationAccepted.of(config.codes().validity().toMinutes());
    }

    /** Deletes registrations nobody verified in time (their codes go with them). Returns how many. */
    public long deleteExpiredRegistrations() {
        Instant before = clock.instant().minus(config.registration().pendingExpiry());
        return Account.deletePendingCreatedBefore(before);
    }

    private boolean isExpiredRegistration(Account a) {
        return a.status == Account.Status.PENDING
                && !clock.instant().isBefore(a.createdAt.plus(config.registration().pendingExpiry()));
    }

    private Account newPendingAccount(Identifier id, String hash, String locale) {
        Account a = new Account();
        a.id = UUID.randomUUID();
        if (id.isEmail()) {
            a.email = id.value();
        } else {
            a.phone = id.value();
        }
        a.passwordHash = hash;
        a.locale = locale;
        a.status = Account.Status.PENDING;
        a.createdAt = clock.instant();
        a.updatedAt = a.createdAt;
        a.insert();
        return a;
    }

    private static Codes.Delivery codeDelivery(Account a, Identifier id) {
        return new Codes.Delivery(a.id, VerificationCode.Purpose.REGISTRATION, channel(id), id.value(),
                "registration-code", a.locale);
    }

    private static VerificationCode.Channel channel(Identifier id) {
        return id.isEmail() ? VerificationCode.Channel.EMAIL : VerificationCode.Channel.SMS;
    }
}
