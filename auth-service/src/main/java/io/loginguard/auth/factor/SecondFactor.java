package io.loginguard.auth.factor;

import io.loginguard.auth.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One second factor of an account (table {@code second_factors}): TOTP (secret sealed at rest) or codes to a proven phone or email. */
public class SecondFactor {
    private static final String COLUMNS = "id, account_id, kind, secret, destination, enabled, last_used_step, "
            + "created_at, enabled_at";

    public UUID id;
    public UUID accountId;
    public Kind kind;
    /** TOTP only: the secret, sealed with the secrets key (AES-256-GCM, the account id as associated data). */
    public String secret;
    /** SMS and EMAIL only: where codes go. */
    public String destination;
    public boolean enabled;
    public long lastUsedStep = -1;
    public Instant createdAt;
    public Instant enabledAt;
    /** Whether the row exists: read from the table, or inserted. */
    private boolean stored;

    public enum Kind { TOTP, SMS, EMAIL }

    public static List<SecondFactor> enabledOf(UUID accountId) {
        return Sql.list("SELECT " + COLUMNS + " FROM second_factors WHERE account_id = ? AND enabled ORDER BY kind",
                SecondFactor::of, accountId);
    }

    /** The kinds of an account's enabled factors, in order, and whether it has a passkey. */
    public record Enabled(List<Kind> kinds, boolean passkey) {
    }

    /** What {@link Enabled} says, read in one statement. */
    public static Enabled enabledWithPasskeys(UUID accountId) {
        List<String> rows = Sql.list("SELECT kind FROM second_factors WHERE account_id = ? AND enabled "
                        + "UNION ALL SELECT 'PASSKEY' FROM (SELECT 1 FROM passkeys WHERE account_id = ? LIMIT 1) p "
                        + "ORDER BY 1", rs -> rs.getString(1), accountId, accountId);
        List<Kind> kinds = rows.stream().filter(k -> !k.equals("PASSKEY")).map(Kind::valueOf).toList();
        return new Enabled(kinds, kinds.size() < rows.size());
    }

    public static Optional<SecondFactor> of(UUID accountId, Kind kind) {
        return Sql.first("SELECT " + COLUMNS + " FROM second_factors WHERE account_id = ? AND kind = ?",
                SecondFactor::of, accountId, kind);
    }

    public static Optional<SecondFactor> forUpdate(UUID accountId, Kind kind) {
        return Sql.first("SELECT " + COLUMNS + " FROM second_factors WHERE account_id = ? AND kind = ? FOR UPDATE",
                SecondFactor::of, accountId, kind);
    }

    /** Inserts a new factor, or writes a stored one back. */
    public void save() {
        if (stored) {
            update();
        } else {
            insert();
        }
    }

    public void insert() {
        Sql.insert("INSERT INTO second_factors (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, accountId, kind, secret, destination, enabled, lastUsedStep, createdAt, enabledAt);
        stored = true;
    }

    public void update() {
        Sql.one("UPDATE second_factors SET secret = ?, destination = ?, enabled = ?, last_used_step = ?, enabled_at = ? "
                + "WHERE id = ?", secret, destination, enabled, lastUsedStep, enabledAt, id);
    }

    public static long deleteOf(UUID accountId, Kind kind) {
        return Sql.update("DELETE FROM second_factors WHERE account_id = ? AND kind = ?", accountId, kind);
    }

    public static long deleteAllOf(UUID accountId) {
        return Sql.update("DELETE FROM second_factors WHERE account_id = ?", accountId);
    }

    private static SecondFactor of(ResultSet rs) throws SQLException {
        SecondFactor f = new SecondFactor();
        f.id = Sql.uuid(rs, "id");
        f.accountId = Sql.uuid(rs, "account_id");
        f.kind = Sql.enumOf(rs, "kind", Kind.class);
        f.secret = rs.getString("secret");
        f.destination = rs.getString("destination");
        f.enabled = rs.getBoolean("enabled");
        f.lastUsedStep = rs.getLong("last_used_step");
        f.createdAt = Sql.instant(rs, "created_at");
        f.enabledAt = Sql.instant(rs, "enabled_at");
        f.stored = true;
        return f;
    }
}
