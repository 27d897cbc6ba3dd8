package io.loginguard.ticket.account;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.kit.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** ticket-service's own copy of auth.accounts (compacted), kept by version: the highest wins. */
@ApplicationScoped
public class AccountProjection {
    private final Transactions tx;
    private final Clock clock;

    public AccountProjection(Transactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /** Applies a snapshot unless the same or a newer version is there; true if it changed the row. */
    public boolean apply(AccountSnapshot s) {
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO accounts (account_id, email, email_lower, phone, status, email_verified, phone_verified,
                                          second_factors, frozen_at, locale, version, updated_at, security_questions)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (account_id) DO UPDATE SET email = excluded.email, email_lower = excluded.email_lower,
                        phone = excluded.phone, status = excluded.status, email_verified = excluded.email_verified,
                        phone_verified = excluded.phone_verified, second_factors = excluded.second_factors,
                        frozen_at = excluded.frozen_at, locale = excluded.locale, version = excluded.version,
                        updated_at = excluded.updated_at, security_questions = excluded.security_questions
                    WHERE accounts.version < excluded.version""")) {
                ps.setString(1, s.accountId());
                ps.setString(2, s.email());
                ps.setString(3, normalizeEmail(s.email()));
                ps.setString(4, s.phone());
                ps.setString(5, s.status().name());
                ps.setBoolean(6, s.emailVerified());
                ps.setBoolean(7, s.phoneVerified());
                ps.setString(8, s.secondFactors().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
                ps.setTimestamp(9, s.frozenAt() == null ? null : Timestamp.from(s.frozenAt()));
                ps.setString(10, s.locale());
                ps.setLong(11, s.version());
                ps.setTimestamp(12, Timestamp.from(clock.instant()));
                ps.setString(13, s.securityQuestions());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** A tombstone: the account is gone. */
    public void forget(String accountId) {
        tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM accounts WHERE account_id = ?")) {
                ps.setString(1, accountId);
                ps.executeUpdate();
            }
        });
    }

    public Optional<AccountRecord> byEmail(String email) {
        String normalized = normalizeEmail(email);
        if (normalized == null) {
            return Optional.empty();
        }
        return find("email_lower = ?", normalized);
    }

    public Optional<AccountRecord> byId(String accountId) {
        return find("account_id = ?", accountId);
    }

    private Optional<AccountRecord> find(String where, String value) {
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT account_id, email, phone, status, email_verified, phone_verified, second_factors, frozen_at,
                           locale, version, security_questions
                    FROM accounts WHERE %s ORDER BY version DESC LIMIT 1""".formatted(where))) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    private static AccountRecord read(ResultSet rs) throws SQLException {
        Timestamp frozen = rs.getTimestamp(8);
        Set<String> factors = new TreeSet<>(Arrays.stream(rs.getString(7).split(",")).filter(f -> !f.isEmpty()).toList());
        AccountSnapshot.Status status;
        try {
            status = AccountSnapshot.Status.valueOf(rs.getString(4));
        } catch (IllegalArgumentException e) {
            status = AccountSnapshot.Status.UNKNOWN;
        }
        return new AccountRecord(rs.getString(1), rs.getString(2), rs.getString(3), status, rs.getBoolean(5),
                rs.getBoolean(6), Set.copyOf(factors), frozen == null ? null : frozen.toInstant(), rs.getString(9),
                rs.getLong(10), rs.getString(11));
    }

    public static String normalizeEmail(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
