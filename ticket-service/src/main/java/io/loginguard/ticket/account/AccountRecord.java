package io.loginguard.ticket.account;

import io.loginguard.events.AccountSnapshot;
import java.time.Instant;
import java.util.Set;

/** What ticket-service knows of an account, from the newest {@code AccountSnapshot} on auth.accounts. */
public record AccountRecord(String accountId, String email, String phone, AccountSnapshot.Status status,
                            boolean emailVerified, boolean phoneVerified, Set<String> secondFactors, Instant frozenAt,
                            String locale, long version, String securityQuestions) {

    /** An account with no security questions. */
    public AccountRecord(String accountId, String email, String phone, AccountSnapshot.Status status,
                         boolean emailVerified, boolean phoneVerified, Set<String> secondFactors, Instant frozenAt,
                         String locale, long version) {
        this(accountId, email, phone, status, emailVerified, phoneVerified, secondFactors, frozenAt, locale, version, null);
    }

    /** Whether the account set security questions (their answers are then part of a reactivation). */
    public boolean hasSecurityQuestions() {
        return securityQuestions != null && !securityQuestions.isBlank();
    }

    /** A case may be opened only by the owner of a registered, proven email. */
    public boolean registered() {
        return email != null && emailVerified && status != AccountSnapshot.Status.PENDING;
    }

    public boolean hasPhone() {
        return phone != null && !phone.isBlank() && phoneVerified;
    }
}
