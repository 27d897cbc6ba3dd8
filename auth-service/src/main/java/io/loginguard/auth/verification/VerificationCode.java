package io.loginguard.auth.verification;

import io.loginguard.auth.db.Sql;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A one-time code (table {@code verification_codes}) sent to an email address or a phone; only its keyed hash is kept. */
public class VerificationCode {
    private static final String COLUMNS = "id, account_id, purpose, channel, destination, code_hash, tries_left, "
            + "expires_at, used_at, created_at";

    public UUID id;
    public UUID accountId;
    public Purpose purpose;
    public Channel channel;
    public String destination;
    public String codeHash;
    public int triesLeft;
    public Instant expiresAt;
    public Instant usedAt;
    public Instant createdAt;

    public enum Purpose { REGISTRATION, LOGIN, ENABLE_SMS, ENABLE_EMAIL, PHONE_CHANGE_OLD, PHONE_CHANGE_NEW }

    public enum Channel { EMAIL, SMS }

    /** The newest unused code of an account for a purpose, locked for the caller's transaction. */
    public static Optional<VerificationCode> newestLiveForUpdate(UUID accountId, Purpose purpose) {
        return Sql.first("SELECT " + COLUMNS + " FROM verification_codes WHERE account_id = ? AND purpose = ? "
                + "AND used_at IS NULL ORDER BY created_at DESC LIMIT 1 FOR UPDATE", rs -> {
                    VerificationCode c = new VerificationCode();
                    c.id = Sql.uuid(rs, "id");
                    c.accountId = Sql.uuid(rs, "account_id");
                    c.purpose = Sql.enumOf(rs, "purpose", Purpose.class);
                    c.channel = Sql.enumOf(rs, "channel", Channel.class);
                    c.destination = rs.getString("destination");
                    c.codeHash = rs.getString("code_hash");
                    c.triesLeft = rs.getInt("tries_left");
                    c.expiresAt = Sql.instant(rs, "expires_at");
                    c.usedAt = Sql.instant(rs, "used_at");
                    c.createdAt = Sql.instant(rs, "created_at");
                    return c;
                }, accountId, purpose);
    }

    /** Supersedes every unused code of the account for the purpose: only the newest one sent is valid. */
    public static void retireLive(UUID accountId, Purpose purpose, Instant now) {
        Sql.update("UPDATE verification_codes SET used_at = ? WHERE account_id = ? AND purpose = ? AND used_at IS NULL",
                now, accountId, purpose);
    }

    public void insert() {
        Sql.insert("INSERT INTO verification_codes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
                accountId, purpose, channel, destination, codeHash, triesLeft, expiresAt, usedAt, createdAt);
    }

    /** Writes back what a check changes: the tries left, and when it was used up. */
    public void update() {
        Sql.one("UPDATE verification_codes SET tries_left = ?, used_at = ? WHERE id = ?", triesLeft, usedAt, id);
    }
}
