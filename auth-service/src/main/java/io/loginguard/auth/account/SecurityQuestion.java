package io.loginguard.auth.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One of an account's security questions; only the Argon2id hash of its normalised answer is kept. */
@Entity
@Table(name = "security_questions")
@IdClass(SecurityQuestion.Key.class)
public class SecurityQuestion extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Id
    public short position;

    @Column(nullable = false, length = 200)
    public String question;

    @Column(name = "answer_hash", nullable = false)
    public String answerHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<SecurityQuestion> of(UUID accountId) {
        return list("accountId = ?1 order by position", accountId);
    }

    /** The composite key. */
    public static class Key implements Serializable {
        public UUID accountId;
        public short position;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.accountId.equals(accountId) && k.position == position;
        }

        @Override
        public int hashCode() {
            return accountId.hashCode() * 31 + position;
        }
    }
}
