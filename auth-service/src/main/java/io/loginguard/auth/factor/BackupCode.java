package io.loginguard.auth.factor;

import io.loginguard.auth.db.Sql;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A single-use backup code (table {@code backup_codes}); only its keyed hash is kept. */
public class BackupCode {
    public UUID id;
    public UUID accountId;
    public String codeHash;
    public Instant usedAt;
    public Instant createdAt;

    public static List<BackupCode> unusedForUpdate(UUID accountId) {
        return Sql.list("SELECT id, account_id, code_hash, used_at, created_at FROM backup_codes "
                + "WHERE account_id = ? AND used_at IS NULL FOR UPDATE", rs -> {
                    BackupCode b = new BackupCode();
                    b.id = Sql.uuid(rs, "id");
                    b.accountId = Sql.uuid(rs, "account_id");
                    b.codeHash = rs.getString("code_hash");
                    b.usedAt = Sql.instant(rs, "used_at");
                    b.createdAt = Sql.instant(rs, "created_at");
                    return b;
                }, accountId);
    }

    public static long deleteAllOf(UUID accountId) {
        return Sql.update("DELETE FROM backup_codes WHERE account_id = ?", accountId);
    }

    public void insert() {
        Sql.insert("INSERT INTO backup_codes (id, account_id, code_hash, used_at, created_at) VALUES (?, ?, ?, ?, ?)",
                id, accountId, codeHash, usedAt, createdAt);
    }

    public void markUsed(Instant at) {
        usedAt = at;
        Sql.one("UPDATE backup_codes SET used_at = ? WHERE id = ?", at, id);
    }
}
