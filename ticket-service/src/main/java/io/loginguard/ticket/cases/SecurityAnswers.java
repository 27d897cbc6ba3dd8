package io.loginguard.ticket.cases;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.SealedParams;
import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.account.AccountProjection;
import io.loginguard.ticket.account.AccountRecord;
import io.loginguard.ticket.code.ProofCodes;
import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.ticket.config.Keys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The answers to an account's security questions, checked for a reactivation case (seed 003). Auth keeps only the
 * Argon2id hash of each normalised answer and sends questions and hashes sealed on the account's snapshot (its
 * sealing key, which ticket-service holds too); they are opened here, at the moment of the check, and never stored
 * in clear. Every answer must match; a wrong one is answered like a wrong code, without saying which.
 */
@ApplicationScoped
public class SecurityAnswers {
    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
    private final Semaphore hashing = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final Map<String, byte[]> keys;
    private final AccountProjection accounts;
    private final ProofCodes codes;

    public SecurityAnswers(TicketPolicy policy, AccountProjection accounts, ProofCodes codes) {
        this.accounts = accounts;
        this.codes = codes;
        this.keys = Map.of(policy.sealing().keyId(), Keys.aes256(policy.sealing().key(), "loginguard.ticket.sealing.key"));
    }

    /**
     * {@code POST /api/v1/cases/security-questions}: the questions a reactivation case must answer, to the person who
     * proves the registered email with its code (the code is not spent; a wrong one counts as a try). An account
     * without questions answers an empty list; an unknown email answers like a wrong code.
     */
    public List<String> securityQuestions(String identifier, String code) {
        AccountRecord account = accounts.byEmail(CaseService.required(identifier, "identifier")).filter(AccountRecord::registered)
                .orElse(null);
        if (account == null || codes.check(account.accountId(), Channel.EMAIL, account.email(), code) == null) {
            throw CaseService.invalidCode("code");
        }
        return questions(account);
    }

    /** The account's questions, in order; empty when it has none. */
    public List<String> questions(AccountRecord account) {
        if (!account.hasSecurityQuestions()) {
            return List.of();
        }
        Map<String, String> opened = open(account);
        int count = Integer.parseInt(opened.getOrDefault("count", "0"));
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> opened.get("question." + i)).toList();
    }

    /** Whether every answer matches its question's hash (answers in the questions' order). */
    public boolean matches(AccountRecord account, List<String> answers) {
        Map<String, String> opened = open(account);
        int count = Integer.parseInt(opened.getOrDefault("count", "0"));
        if (answers.size() != count) {
            return false;
        }
        boolean all = true;
        for (int i = 0; i < count; i++) {
            String answer = answers.get(i);
            String hash = opened.get("answerHash." + (i + 1));
            // every answer is checked, so the time does not say which one was wrong
            all &= answer != null && hash != null && verify(hash, AccountSnapshot.normalizeAnswer(answer));
        }
        return all;
    }

    private boolean verify(String hash, String normalized) {
        char[] chars = normalized.toCharArray();
        hashing.acquireUninterruptibly();
        try {
            return argon2.verify(hash, chars);
        } finally {
            hashing.release();
            java.util.Arrays.fill(chars, '\0');
        }
    }

    private Map<String, String> open(AccountRecord account) {
        return SealedParams.open(account.securityQuestions(), account.accountId(), keys);
    }
}
