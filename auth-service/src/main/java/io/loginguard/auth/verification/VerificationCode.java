package io.loginguard.auth.verification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A one-time code sent to an email address or a phone; only its keyed hash is kept. */
@Entity
@Table(name = "verification_codes")
public class VerificationCode extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public Purpose purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public Channel channel;

    @Column(nullable = false, length = 254)
    public String destination;

    @Column(name = "code_hash", nullable = false, length = 64)
    public String codeHash;

    @Column(name = "tries_left", nullable = false)
    public int triesLeft;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public enum Purpose { REGISTRATION, LOGIN, ENABLE_SMS, ENABLE_EMAIL, PHONE_CHANGE_OLD, PHONE_CHANGE_NEW }

    public enum Channel { EMAIL, SMS }

    /** The newest unused code of an account for a purpose, locked for the caller's transaction. */
    public static Optional<VerificationCode> newestLiveForUpdate(UUID accountId, Purpose purpose) {
        return find("accountId = ?1 and purpose = ?2 and usedAt is null order by createdAt desc", accountId, purpose)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** Supersedes every unused code of the account for the purpose: only the newest one sent is valid. */
    public static void retireLive(UUID accountId, Purpose purpose, Instant now) {
        update("usedAt = ?1 where accountId = ?2 and purpose = ?3 and usedAt is null", now, accountId, purpose);
    }
}
