package io.loginguard.auth.account;

import java.time.Instant;
import java.util.UUID;

/** What the API shows of an account. */
public record AccountView(UUID id, String email, String phone, Account.Status status, Instant createdAt) {
    static AccountView of(Account a) {
        return new AccountView(a.id, a.email, a.phone, a.status, a.createdAt);
    }
}
