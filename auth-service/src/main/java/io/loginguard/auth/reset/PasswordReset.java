package io.loginguard.auth.reset;

import io.loginguard.auth.db.Sql;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One reset link (table {@code password_resets}): the SHA-256 of its token, its expiry, whether it was used. */
public class PasswordReset {
    public UUID id;
    public UUID accountId;
    public String tokenHash;
    public Instant expiresAt;
    public Instant usedAt;
    public Instant createdAt;

    public static Optional<PasswordReset> byTokenHash(String hash) {
        return byTokenHash(hash, "");
    }

    public static Optional<PasswordReset> byTokenHashForUpdate(String hash) {
        return byTokenHash(hash, " FOR UPDATE");
    }

    private static Optional<PasswordReset> byTokenHash(String hash, String lock) {
        return Sql.first("SELECT id, account_id, token_hash, expires_at, used_at, created_at FROM password_resets "
                + "WHERE token_hash = ?" + lock, rs -> {
                    PasswordReset r = new PasswordReset();
                    r.id = Sql.uuid(rs, "id");
                    r.accountId = Sql.uuid(rs, "account_id");
                    r.tokenHash = rs.getString("token_hash");
                    r.expiresAt = Sql.instant(rs, "expires_at");
                    r.usedAt = Sql.instant(rs, "used_at");
                    r.createdAt = Sql.instant(rs, "created_at");
                    return r;
                }, hash);
    }

    public void insert() {
        Sql.insert("INSERT INTO password_resets (id, account_id, token_hash, expires_at, used_at, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", id, accountId, tokenHash, expiresAt, usedAt, createdAt);
    }

    public void markUsed(Instant at) {
        usedAt = at;
        Sql.one("UPDATE password_resets SET used_at = ? WHERE id = ?", at, id);
    }
}
