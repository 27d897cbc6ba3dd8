package io.loginguard.auth.account;

import io.loginguard.auth.db.Sql;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One of an account's security questions (table {@code security_questions}); only the Argon2id hash of its normalised answer is kept. */
public class SecurityQuestion {
    public UUID accountId;
    public short position;
    public String question;
    public String answerHash;
    public Instant createdAt;

    public static List<SecurityQuestion> of(UUID accountId) {
        return Sql.list("SELECT account_id, position, question, answer_hash, created_at FROM security_questions "
                + "WHERE account_id = ? ORDER BY position", rs -> {
                    SecurityQuestion q = new SecurityQuestion();
                    q.accountId = Sql.uuid(rs, "account_id");
                    q.position = rs.getShort("position");
                    q.question = rs.getString("question");
                    q.answerHash = rs.getString("answer_hash");
                    q.createdAt = Sql.instant(rs, "created_at");
                    return q;
                }, accountId);
    }

    public static long deleteAllOf(UUID accountId) {
        return Sql.update("DELETE FROM security_questions WHERE account_id = ?", accountId);
    }

    public void insert() {
        Sql.insert("INSERT INTO security_questions (account_id, position, question, answer_hash, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", accountId, position, question, answerHash, createdAt);
    }
}
