package io.loginguard.auth.me;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.AccountEvents;
import io.loginguard.auth.account.Identifier;
import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.verification.Codes;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.auth.verification.VerificationCode;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.SecurityEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Changing the phone number: a code to the new number proves it is the person's, and a code to the old one proves
 * the change comes from the number's owner (a stolen session alone cannot move the account's SMS codes to a
 * thief's phone). Someone who has lost the old number opens a PHONE_CHANGE case instead; its approval on
 * ticket.events sets the number. Both codes are checked before anything changes, each wrong try is kept, and
 * PHONE_CHANGED is published (risk holds withdrawals, notification tells the person).
 */
@ApplicationScoped
public class PhoneChange {
    private static final Logger LOG = Logger.getLogger(PhoneChange.class);

    private final Codes codes;
    private final ResendLimiter limiter;
    private final AccountEvents events;
    private final AuthConfig config;
    private final Clock clock;

    public PhoneChange(Codes codes, ResendLimiter limiter, AccountEvents events, AuthConfig config, Clock clock) {
        this.clock = clock;
        this.codes = codes;
        this.limiter = limiter;
        this.events = events;
        this.config = config;
    }

    /** What was sent: always a code to the new number; one to the old number when the account has one. */
    public record Started(boolean codeSentToNewNumber, boolean codeSentToOldNumber, long codeValidMinutes) {
    }

    public Started start(Account account, String phone) {
        Identifier id = Identifier.of(null, phone);
        if (id.value().equals(account.phone)) {
            throw new ApiException(Problem.invalid("same_phone", "this is already the account's phone number",
                    List.of(new Problem.FieldError("phone", "is already this account's number"))));
        }
        limiter.take("phone-change", account.id.toString()).ifPresent(wait -> {
            throw ApiException.tooFrequent("codes were sent a moment ago; please wait before asking again", wait);
        });
        return QuarkusTransaction.requiringNew().call(() -> {
            if (Account.findByPhone(id.value()).isPresent()) {
                throw taken();
            }
            codes.issue(new Codes.Delivery(account.id, VerificationCode.Purpose.PHONE_CHANGE_NEW,
                    VerificationCode.Channel.SMS, id.value(), "verification-code", account.locale));
            boolean old = account.phone != null;
            if (old) {
                codes.issue(new Codes.Delivery(account.id, VerificationCode.Purpose.PHONE_CHANGE_OLD,
                        VerificationCode.Channel.SMS, account.phone, "phone-change-code", account.locale));
            }
            return new Started(true, old, config.codes().validity().toMinutes());
        });
    }

    /** The number proven by its code (and the old number's code, when there is one) becomes the account's. */
    public void confirm(Account account, String newNumberCode, String oldNumberCode) {
        String number = QuarkusTransaction.requiringNew().call(() -> VerificationCode
                .newestLiveForUpdate(account.id, VerificationCode.Purpose.PHONE_CHANGE_NEW)
                .map(c -> c.destination).orElse(null));
        if (number == null) {
            throw new ApiException(Problem.of(404, "no_phone_change", "No phone change",
                    "ask for codes first (POST /api/v1/me/phone)"));
        }
        if (account.phone != null && oldNumberCode == null) {
            throw new ApiException(Problem.invalid("old_code_required", "the code sent to the current number is needed",
                    List.of(new Problem.FieldError("oldNumberCode", "send the code sent to the current number; "
                            + "without that number, open a PHONE_CHANGE case"))));
        }
        // each check in its own transaction, so a wrong try is kept; the old number's first, as it proves who asks
        if (account.phone != null) {
            require(check(account, VerificationCode.Purpose.PHONE_CHANGE_OLD, oldNumberCode), "the current");
        }
        require(check(account, VerificationCode.Purpose.PHONE_CHANGE_NEW, newNumberCode), "the new");
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Account a = Account.findByIdOptional(account.id).orElseThrow();
                String before = a.phone;
                a.phone = number;
                a.phoneVerified = true;
                a.updatedAt = clock.instant();
                a.update();
                events.changed(a, SecurityEvent.Type.PHONE_CHANGED, Map.of("hadNumber", Boolean.toString(before != null)));
            });
        } catch (RuntimeException e) {
            if (QuarkusTransaction.requiringNew().call(() -> Account.findByPhone(number).isPresent())) {
                throw taken(); // registered by someone else between the codes and now
            }
            throw e;
        }
        LOG.infof("account %s changed its phone number", account.id);
    }

    private Codes.Check check(Account account, VerificationCode.Purpose purpose, String code) {
        return QuarkusTransaction.requiringNew().call(() -> codes.check(account.id, purpose, code));
    }

    private static void require(Codes.Check check, String which) {
        switch (check) {
            case ACCEPTED -> { }
            case EXPIRED -> throw new ApiException(Problem.of(400, "code_expired", "Code expired",
                    which + " number's code has expired; ask for new codes (POST /api/v1/me/phone)"));
            default -> throw ApiException.invalidCode(400, which + " number's code is wrong or used up");
        }
    }

    private static ApiException taken() {
        return new ApiException(Problem.of(409, "identifier_taken", "Phone number already registered",
                "this number already belongs to an account"));
    }
}
