package io.loginguard.auth.account;

import io.loginguard.auth.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A person's account (table {@code accounts}): identifiers, the Argon2id hash of the password, and its status. */
public class Account {
    private static final String COLUMNS = "id, email, phone, email_verified, phone_verified, locale, frozen_at, "
            + "anti_phishing_code, master_account_id, risk_lockout_threshold, risk_lock_minutes, password_hash, status, "
            + "created_at, updated_at, version";

    public UUID id;
    public String email;
    public String phone;
    public boolean emailVerified;
    public boolean phoneVerified;
    public String locale = "en";
    public Instant frozenAt;
    public String antiPhishingCode;
    public UUID masterAccountId;
    /** Lockout threshold stricter than the default, from this account's master policy (its own for a master). */
    public Short riskLockoutThreshold;
    /** Lock duration longer than the default, in minutes, from the same policy. */
    public Integer riskLockMinutes;
    public String passwordHash;
    public Status status;
    public Instant createdAt;
    public Instant updatedAt;
    /** Bumped by every {@link #update()}, which refuses to write over a change it has not read. */
    public long version;

    public enum Status { PENDING, ACTIVE, FROZEN }

    public static Optional<Account> findByIdOptional(UUID id) {
        return Sql.first("SELECT " + COLUMNS + " FROM accounts WHERE id = ?", Account::of, id);
    }

    /** The account, its row locked until the caller's transaction ends. */
    public static Optional<Account> findByIdForUpdate(UUID id) {
        return Sql.first("SELECT " + COLUMNS + " FROM accounts WHERE id = ? FOR UPDATE", Account::of, id);
    }

    /** Registrations nobody verified before {@code before}; returns how many went. */
    public static long deletePendingCreatedBefore(Instant before) {
        return Sql.update("DELETE FROM accounts WHERE status = ? AND created_at < ?", Status.PENDING, before);
    }

    public static List<Account> subAccountsOf(UUID masterId) {
        return Sql.list("SELECT " + COLUMNS + " FROM accounts WHERE master_account_id = ? ORDER BY created_at",
                Account::of, masterId);
    }

    public static long countSubAccountsOf(UUID masterId) {
        return Sql.count("SELECT count(*) FROM accounts WHERE master_account_id = ?", masterId);
    }

    /** A new hash of the same password (stronger parameters), without touching the version. */
    public static void replacePasswordHash(UUID id, String hash, Instant at) {
        Sql.update("UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?", hash, at, id);
    }

    public static Optional<Account> findByEmail(String email) {
        return Sql.first("SELECT " + COLUMNS + " FROM accounts WHERE email = ?", Account::of, email);
    }

    public static Optional<Account> findByPhone(String phone) {
        return Sql.first("SELECT " + COLUMNS + " FROM accounts WHERE phone = ?", Account::of, phone);
    }

    public static Optional<Account> findByIdentifier(Identifier identifier) {
        return identifier.isEmail() ? findByEmail(identifier.value()) : findByPhone(identifier.value());
    }

    public void insert() {
        Sql.insert("INSERT INTO accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, email, phone, emailVerified, phoneVerified, locale, frozenAt, antiPhishingCode, masterAccountId,
                riskLockoutThreshold, riskLockMinutes, passwordHash, status, createdAt, updatedAt, version);
    }

    /** Writes every field back, if the row is still at the version this object was read at. */
    public void update() {
        Sql.one("UPDATE accounts SET email = ?, phone = ?, email_verified = ?, phone_verified = ?, locale = ?, "
                        + "frozen_at = ?, anti_phishing_code = ?, master_account_id = ?, risk_lockout_threshold = ?, "
                        + "risk_lock_minutes = ?, password_hash = ?, status = ?, updated_at = ?, version = version + 1 "
                        + "WHERE id = ? AND version = ?",
                email, phone, emailVerified, phoneVerified, locale, frozenAt, antiPhishingCode, masterAccountId,
                riskLockoutThreshold, riskLockMinutes, passwordHash, status, updatedAt, id, version);
        version++;
    }

    public void delete() {
        Sql.one("DELETE FROM accounts WHERE id = ?", id);
    }

    private static Account of(ResultSet rs) throws SQLException {
        Account a = new Account();
        a.id = Sql.uuid(rs, "id");
        a.email = rs.getString("email");
        a.phone = rs.getString("phone");
        a.emailVerified = rs.getBoolean("email_verified");
        a.phoneVerified = rs.getBoolean("phone_verified");
        a.locale = rs.getString("locale");
        a.frozenAt = Sql.instant(rs, "frozen_at");
        a.antiPhishingCode = rs.getString("anti_phishing_code");
        a.masterAccountId = Sql.uuid(rs, "master_account_id");
        Integer threshold = Sql.integer(rs, "risk_lockout_threshold");
        a.riskLockoutThreshold = threshold == null ? null : threshold.shortValue();
        a.riskLockMinutes = Sql.integer(rs, "risk_lock_minutes");
        a.passwordHash = rs.getString("password_hash");
        a.status = Sql.enumOf(rs, "status", Status.class);
        a.createdAt = Sql.instant(rs, "created_at");
        a.updatedAt = Sql.instant(rs, "updated_at");
        a.version = rs.getLong("version");
        return a;
    }
}
