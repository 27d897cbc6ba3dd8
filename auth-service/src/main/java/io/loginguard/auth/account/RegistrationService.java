package io.loginguard.auth.account;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.password.PasswordHasher;
import io.loginguard.auth.password.CommonPasswords;
import io.loginguard.auth.password.PasswordPolicy;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

@ApplicationScoped
public class RegistrationService {
    private static final Logger LOG = Logger.getLogger(RegistrationService.class);

    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Clock clock;

    public RegistrationService(PasswordHasher hasher, AuthConfig config, Clock clock) {
        this.hasher = hasher;
        this.policy = new PasswordPolicy(config.password().minLength(), config.password().maxLength(),
                CommonPasswords.top(config.password().commonPasswords()));
        this.clock = clock;
    }

    public AccountView register(RegistrationRequest request) {
        String email = Emails.normalize(request.email());
        List<PasswordPolicy.Violation> broken = policy.check(request.password(), email);
        if (!broken.isEmpty()) {
            // the first broken rule's code for machines; every rule broken, each with its code, in errors[]
            throw new ApiException(Problem.invalid(broken.get(0).code(),
                    "the password " + String.join(", ", broken.stream().map(PasswordPolicy.Violation::message).toList()),
                    broken.stream().map(v -> new Problem.FieldError("password", v.message(), v.code())).toList()));
        }
        String hash = hasher.hash(request.password()); // outside the transaction: it takes tens of ms
        try {
            AccountView created = QuarkusTransaction.requiringNew().call(() -> insert(email, hash));
            LOG.infof("registered account %s (%s)", created.id(), Emails.mask(email));
            return created;
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // two registrations of one email racing: the unique constraint decides, the loser gets a 409
            if (QuarkusTransaction.requiringNew().call(() -> Account.findByEmail(email).isPresent())) {
                throw emailTaken();
            }
            throw e;
        }
    }

    private AccountView insert(String email, String hash) {
        if (Account.findByEmail(email).isPresent()) {
            throw emailTaken();
        }
        Account a = new Account();
        a.id = UUID.randomUUID();
        a.email = email;
        a.passwordHash = hash;
        a.status = Account.Status.ACTIVE;
        a.createdAt = clock.instant();
        a.updatedAt = a.createdAt;
        a.persistAndFlush();
        return AccountView.of(a);
    }

    private static ApiException emailTaken() {
        return new ApiException(Problem.of(409, "email_taken", "Email already registered",
                "an account with this email already exists"));
    }
}
