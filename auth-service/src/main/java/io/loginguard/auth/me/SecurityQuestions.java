package io.loginguard.auth.me;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.AccountEvents;
import io.loginguard.auth.account.SecurityQuestion;
import io.loginguard.auth.password.PasswordHasher;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.SecurityEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Security questions (optional; seed 003 asks for their answers when a frozen account is reactivated). Setting them
 * needs the password; each answer is normalised ({@link AccountSnapshot#normalizeAnswer}) and only its Argon2id
 * hash is kept. The questions and hashes reach ticket-service sealed in the account's snapshot, so a reactivation
 * case can check the answers without any call to auth.
 */
@ApplicationScoped
public class SecurityQuestions {
    public static final int MIN = 2;
    public static final int MAX = 3;
    static final int MIN_ANSWER = 2;

    private final PasswordHasher hasher;
    private final ResendLimiter limiter;
    private final AccountEvents events;
    private final Clock clock;

    public SecurityQuestions(PasswordHasher hasher, ResendLimiter limiter, AccountEvents events, Clock clock) {
        this.hasher = hasher;
        this.limiter = limiter;
        this.events = events;
        this.clock = clock;
    }

    /** A question and its answer, as the person gives them. */
    public record QuestionAndAnswer(String question, String answer) {
    }

    public List<String> questionsOf(Account account) {
        return QuarkusTransaction.requiringNew().call(() ->
                SecurityQuestion.of(account.id).stream().map(q -> q.question).toList());
    }

    /** Replaces the account's questions (2 or 3), proven by the password. */
    public void set(Account account, String password, List<QuestionAndAnswer> given) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (given.size() < MIN || given.size() > MAX) {
            errors.add(new Problem.FieldError("questions", "give " + MIN + " or " + MAX + " questions", "question_count"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            QuestionAndAnswer q = given.get(i);
            String field = "questions[" + i + "]";
            if (q == null || q.question() == null || q.question().strip().length() < 5 || q.question().length() > 200) {
                errors.add(new Problem.FieldError(field + ".question", "must be 5 to 200 characters", "question_length"));
            } else if (!seen.add(q.question().strip().toLowerCase(java.util.Locale.ROOT))) {
                errors.add(new Problem.FieldError(field + ".question", "asked twice", "question_repeated"));
            }
            if (q == null || q.answer() == null || q.answer().length() > 100
                    || AccountSnapshot.normalizeAnswer(q.answer()).length() < MIN_ANSWER) {
                errors.add(new Problem.FieldError(field + ".answer", "must be 2 to 100 characters", "answer_length"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(Problem.invalid("invalid_field", "the security questions are not acceptable", errors));
        }
        requirePassword(account, password);
        List<String> hashes = given.stream().map(q -> hasher.hash(AccountSnapshot.normalizeAnswer(q.answer()))).toList();
        QuarkusTransaction.requiringNew().run(() -> {
            SecurityQuestion.deleteAllOf(account.id);
            for (int i = 0; i < given.size(); i++) {
                SecurityQuestion q = new SecurityQuestion();
                q.accountId = account.id;
                q.position = (short) (i + 1);
                q.question = given.get(i).question().strip();
                q.answerHash = hashes.get(i);
                q.createdAt = clock.instant();
                q.insert();
            }
            Account a = Account.findByIdOptional(account.id).orElseThrow();
            a.updatedAt = clock.instant();
            a.update();
            events.changed(a, SecurityEvent.Type.SECURITY_QUESTIONS_CHANGED, Map.of("count", Integer.toString(given.size())));
        });
    }

    /**
     * Removes the account's questions, proven by the password: a reactivation case then has no answers to ask for.
     * 404 {@code no_security_questions} when there are none.
     */
    public void remove(Account account, String password) {
        if (questionsOf(account).isEmpty()) {
            throw new ApiException(Problem.of(404, "no_security_questions", "No security questions",
                    "this account has no security questions"));
        }
        requirePassword(account, password);
        QuarkusTransaction.requiringNew().run(() -> {
            long removed = SecurityQuestion.deleteAllOf(account.id);
            if (removed == 0) {
                return; // removed meanwhile by another request, which published the change
            }
            Account a = Account.findByIdOptional(account.id).orElseThrow();
            a.updatedAt = clock.instant();
            a.update();
            events.changed(a, SecurityEvent.Type.SECURITY_QUESTIONS_CHANGED, Map.of("count", "0"));
        });
    }

    /** The password proves it is the person; tried at most as often as codes are sent, so a stolen session cannot guess. */
    private void requirePassword(Account account, String password) {
        limiter.take("security-questions", account.id.toString()).ifPresent(wait -> {
            throw ApiException.tooFrequent("please wait before trying again", wait);
        });
        if (password == null || !hasher.verify(account.passwordHash, password)) {
            throw new ApiException(Problem.of(401, "invalid_credentials", "Invalid credentials", "the password is wrong"));
        }
    }
}
