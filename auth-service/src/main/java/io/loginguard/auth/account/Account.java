package io.loginguard.auth.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A person's account: identifiers, the Argon2id hash of the password, and its status. */
@Entity
@Table(name = "accounts")
public class Account extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(unique = true, length = 254)
    public String email;

    @Column(unique = true, length = 16)
    public String phone;

    @Column(name = "email_verified", nullable = false)
    public boolean emailVerified;

    @Column(name = "phone_verified", nullable = false)
    public boolean phoneVerified;

    @Column(nullable = false, length = 16)
    public String locale = "en";

    @Column(name = "frozen_at")
    public Instant frozenAt;

    @Column(name = "anti_phishing_code", length = 64)
    public String antiPhishingCode;

    @Column(name = "master_account_id")
    public UUID masterAccountId;

    /** Lockout threshold stricter than the default, from this account's master policy (its own for a master). */
    @Column(name = "risk_lockout_threshold")
    public Short riskLockoutThreshold;

    /** Lock duration longer than the default, in minutes, from the same policy. */
    @Column(name = "risk_lock_minutes")
    public Integer riskLockMinutes;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public static Optional<Account> findByEmail(String email) {
        return find("email", email).firstResultOptional();
    }

    public static Optional<Account> findByPhone(String phone) {
        return find("phone", phone).firstResultOptional();
    }

    public static Optional<Account> findByIdentifier(Identifier identifier) {
        return identifier.isEmail() ? findByEmail(identifier.value()) : findByPhone(identifier.value());
    }

    public enum Status { PENDING, ACTIVE, FROZEN }
}
