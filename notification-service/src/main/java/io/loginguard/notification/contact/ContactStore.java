package io.loginguard.notification.contact;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.kit.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/** notification's own copy of the contact details in auth.accounts, kept by version (the highest wins). */
@ApplicationScoped
public class ContactStore {
    private final Transactions tx;
    private final Clock clock;

    public ContactStore(Transactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /** Applies a snapshot unless a newer (or the same) version is already there; true if it changed the row. */
    public boolean apply(AccountSnapshot s) {
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO contacts (account_id, email, phone, locale, anti_phishing_code, version, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (account_id) DO UPDATE SET email = excluded.email, phone = excluded.phone,
                        locale = excluded.locale, anti_phishing_code = excluded.anti_phishing_code,
                        version = excluded.version, updated_at = excluded.updated_at
                    WHERE contacts.version < excluded.version""")) {
                ps.setString(1, s.accountId());
                ps.setString(2, s.email());
                ps.setString(3, s.phone());
                ps.setString(4, s.locale());
                ps.setString(5, s.antiPhishingCode());
                ps.setLong(6, s.version());
                ps.setTimestamp(7, Timestamp.from(clock.instant()));
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** A tombstone on the compacted topic: the account is gone, and so are its contact details. */
    public void forget(String accountId) {
        tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM contacts WHERE account_id = ?")) {
                ps.setString(1, accountId);
                ps.executeUpdate();
            }
        });
    }

    public Optional<Contact> find(String accountId) {
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT email, phone, locale, anti_phishing_code, version FROM contacts WHERE account_id = ?")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Contact(accountId, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5)));
                }
            }
        });
    }
}
