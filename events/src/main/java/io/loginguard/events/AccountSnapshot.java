package io.loginguard.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The current state of an account. Topic {@code auth.accounts} (compacted), key: the account id. Consumers keep
 * the snapshot with the highest {@code version}: the outbox relay keeps order, and this makes it not matter.
 *
 * @param antiPhishingCode the phrase the person chose to see at the top of every genuine email; null if none
 * @param securityQuestions the account's security questions with the Argon2id hashes of their answers, sealed
 *     ({@link SealedParams}, bound to the account id, auth's sealing key) so only a service holding that key
 *     (ticket-service, checking a reactivation case) can read them; null if the account has none. Inside: {@code
 *     count}, and for each i from 1 {@code question.i} and {@code answerHash.i} (answers normalised by
 *     {@link #normalizeAnswer} before hashing)
 * @param riskPolicy the master's stricter lockout numbers, for a master and each of its sub-accounts; null: defaults
 */
public record AccountSnapshot(
        UUID eventId,
        Instant occurredAt,
        String accountId,
        Status status,
        String email,
        String phone,
        boolean emailVerified,
        boolean phoneVerified,
        Set<SecondFactor> secondFactors,
        String masterAccountId,
        Instant frozenAt,
        String locale,
        long version,
        String antiPhishingCode,
        String securityQuestions,
        RiskPolicy riskPolicy) implements Event {

    /** A snapshot of an account without security questions. */
    public AccountSnapshot(UUID eventId, Instant occurredAt, String accountId, Status status, String email, String phone,
                           boolean emailVerified, boolean phoneVerified, Set<SecondFactor> secondFactors,
                           String masterAccountId, Instant frozenAt, String locale, long version, String antiPhishingCode) {
        this(eventId, occurredAt, accountId, status, email, phone, emailVerified, phoneVerified, secondFactors,
                masterAccountId, frozenAt, locale, version, antiPhishingCode, null, null);
    }

    /** A snapshot of an account whose lockout follows the defaults. */
    public AccountSnapshot(UUID eventId, Instant occurredAt, String accountId, Status status, String email, String phone,
                           boolean emailVerified, boolean phoneVerified, Set<SecondFactor> secondFactors,
                           String masterAccountId, Instant frozenAt, String locale, long version, String antiPhishingCode,
                           String securityQuestions) {
        this(eventId, occurredAt, accountId, status, email, phone, emailVerified, phoneVerified, secondFactors,
                masterAccountId, frozenAt, locale, version, antiPhishingCode, securityQuestions, null);
    }

    /**
     * Lockout numbers stricter than the defaults that a master account chose for itself and its sub-accounts
     * (seed 000 FAQ Q5: sub-accounts "share the master account's risk control policies"). A sub-account's snapshot
     * carries its master's, so risk applies them from the sub-account's own partition. Risk uses a number only where
     * it is stricter than its own (a lower threshold, a longer lock); null fields keep the default.
     */
    public record RiskPolicy(Integer lockoutThreshold, Integer lockMinutes) {
        public RiskPolicy {
            if (lockoutThreshold != null && lockoutThreshold < 1) {
                throw new IllegalArgumentException("riskPolicy.lockoutThreshold must be at least 1");
            }
            if (lockMinutes != null && lockMinutes < 1) {
                throw new IllegalArgumentException("riskPolicy.lockMinutes must be at least 1");
            }
        }
    }

    /**
     * How an answer to a security question is compared: Unicode NFKC, trimmed, lower case, runs of white space as
     * one space ("  New  York " and "new york" are the same answer).
     */
    public static String normalizeAnswer(String answer) {
        return java.text.Normalizer.normalize(answer, java.text.Normalizer.Form.NFKC).strip()
                .toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
    }

    public AccountSnapshot {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(accountId, "accountId");
        Require.present(status, "status");
        secondFactors = Canonical.set(secondFactors);
    }

    @Override
    public String key() {
        return accountId;
    }

    public enum Status { PENDING, ACTIVE, FROZEN, @JsonEnumDefaultValue UNKNOWN }

    public enum SecondFactor { TOTP, SMS, EMAIL, PASSKEY, @JsonEnumDefaultValue UNKNOWN }
}
