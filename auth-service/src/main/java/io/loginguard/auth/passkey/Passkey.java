package io.loginguard.auth.passkey;

import io.loginguard.auth.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One passkey (WebAuthn credential, table {@code passkeys}) of an account: its public key as attested credential data, and its counter. */
public class Passkey {
    private static final String COLUMNS = "id, account_id, credential_id, attested_credential_data, sign_count, "
            + "uv_initialized, backup_eligible, backed_up, name, transports, created_at, last_used_at";

    public UUID id;
    public UUID accountId;
    /** base64url (no padding) of the credential id. */
    public String credentialId;
    /** webauthn4j's serialization of the attested credential data (AAGUID, credential id, COSE public key). */
    public byte[] attestedCredentialData;
    public long signCount;
    public boolean uvInitialized;
    public boolean backupEligible;
    public boolean backedUp;
    public String name;
    /** Comma-separated authenticator transports (usb, nfc, ble, internal, hybrid), as the browser reported them. */
    public String transports;
    public Instant createdAt;
    public Instant lastUsedAt;

    public static List<Passkey> of(UUID accountId) {
        return Sql.list("SELECT " + COLUMNS + " FROM passkeys WHERE account_id = ? ORDER BY created_at", Passkey::of,
                accountId);
    }

    public static Optional<Passkey> findByIdOptional(UUID id) {
        return Sql.first("SELECT " + COLUMNS + " FROM passkeys WHERE id = ?", Passkey::of, id);
    }

    /** The account a credential belongs to. */
    public static Optional<UUID> accountOf(String credentialId) {
        return Sql.first("SELECT account_id FROM passkeys WHERE credential_id = ?", rs -> Sql.uuid(rs, "account_id"),
                credentialId);
    }

    public static long countOf(UUID accountId) {
        return Sql.count("SELECT count(*) FROM passkeys WHERE account_id = ?", accountId);
    }

    public static boolean any(UUID accountId) {
        return countOf(accountId) > 0;
    }

    public static Optional<Passkey> byCredentialIdForUpdate(String credentialId) {
        return Sql.first("SELECT " + COLUMNS + " FROM passkeys WHERE credential_id = ? FOR UPDATE", Passkey::of,
                credentialId);
    }

    public void insert() {
        Sql.insert("INSERT INTO passkeys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, accountId,
                credentialId, attestedCredentialData, signCount, uvInitialized, backupEligible, backedUp, name,
                transports, createdAt, lastUsedAt);
    }

    /** Writes back what an assertion changes: the counter, the flags and when it was last used. */
    public void update() {
        Sql.one("UPDATE passkeys SET sign_count = ?, uv_initialized = ?, backed_up = ?, name = ?, last_used_at = ? "
                + "WHERE id = ?", signCount, uvInitialized, backedUp, name, lastUsedAt, id);
    }

    public static long deleteAllOf(UUID accountId) {
        return Sql.update("DELETE FROM passkeys WHERE account_id = ?", accountId);
    }

    public void delete() {
        Sql.one("DELETE FROM passkeys WHERE id = ?", id);
    }

    private static Passkey of(ResultSet rs) throws SQLException {
        Passkey p = new Passkey();
        p.id = Sql.uuid(rs, "id");
        p.accountId = Sql.uuid(rs, "account_id");
        p.credentialId = rs.getString("credential_id");
        p.attestedCredentialData = rs.getBytes("attested_credential_data");
        p.signCount = rs.getLong("sign_count");
        p.uvInitialized = rs.getBoolean("uv_initialized");
        p.backupEligible = rs.getBoolean("backup_eligible");
        p.backedUp = rs.getBoolean("backed_up");
        p.name = rs.getString("name");
        p.transports = rs.getString("transports");
        p.createdAt = Sql.instant(rs, "created_at");
        p.lastUsedAt = Sql.instant(rs, "last_used_at");
        return p;
    }
}
