package io.loginguard.auth.factor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A single-use backup code; only its keyed hash is kept. */
@Entity
@Table(name = "backup_codes")
public class BackupCode extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "code_hash", nullable = false, length = 64)
    public String codeHash;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<BackupCode> unusedForUpdate(UUID accountId) {
        return find("accountId = ?1 and usedAt is null", accountId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
