package io.loginguard.auth.passkey;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One passkey (WebAuthn credential) of an account: its public key as attested credential data, and its counter. */
@Entity
@Table(name = "passkeys")
public class Passkey extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    /** base64url (no padding) of the credential id. */
    @Column(name = "credential_id", nullable = false, length = 1400)
    public String credentialId;

    /** webauthn4j's serialization of the attested credential data (AAGUID, credential id, COSE public key). */
    @Column(name = "attested_credential_data", nullable = false)
    public byte[] attestedCredentialData;

    @Column(name = "sign_count", nullable = false)
    public long signCount;

    @Column(name = "uv_initialized", nullable = false)
    public boolean uvInitialized;

    @Column(name = "backup_eligible", nullable = false)
    public boolean backupEligible;

    @Column(name = "backed_up", nullable = false)
    public boolean backedUp;

    @Column(nullable = false, length = 64)
    public String name;

    /** Comma-separated authenticator transports (usb, nfc, ble, internal, hybrid), as the browser reported them. */
    @Column(length = 128)
    public String transports;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public static List<Passkey> of(UUID accountId) {
        return list("accountId = ?1 order by createdAt", accountId);
    }

    public static boolean any(UUID accountId) {
        return count("accountId", accountId) > 0;
    }

    public static Optional<Passkey> byCredentialIdForUpdate(String credentialId) {
        return find("credentialId", credentialId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
