package io.loginguard.auth.factor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One second factor of an account: TOTP (secret sealed at rest) or codes to a proven phone or email. */
@Entity
@Table(name = "second_factors")
public class SecondFactor extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public Kind kind;

    /** TOTP only: the secret, sealed with the secrets key (AES-256-GCM, the account id as associated data). */
    @Column(length = 255)
    public String secret;

    /** SMS and EMAIL only: where codes go. */
    @Column(length = 254)
    public String destination;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "last_used_step", nullable = false)
    public long lastUsedStep = -1;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "enabled_at")
    public Instant enabledAt;

    public enum Kind { TOTP, SMS, EMAIL }

    public static List<SecondFactor> enabledOf(UUID accountId) {
        return list("accountId = ?1 and enabled = true order by kind", accountId);
    }

    /** The enabled factors, locked until the transaction ends. */
    public static List<SecondFactor> enabledForUpdate(UUID accountId) {
        return find("accountId = ?1 and enabled = true order by kind", accountId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public static Optional<SecondFactor> of(UUID accountId, Kind kind) {
        return find("accountId = ?1 and kind = ?2", accountId, kind).firstResultOptional();
    }

    public static Optional<SecondFactor> forUpdate(UUID accountId, Kind kind) {
        return find("accountId = ?1 and kind = ?2", accountId, kind).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
