package io.loginguard.auth.account;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.outbox.Outbox;
import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.SealedParams;
import io.loginguard.events.SecurityEvent;
import io.loginguard.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Tells the other services about an account, through the outbox, in the transaction of the change: the new
 * {@link AccountSnapshot} on the compacted auth.accounts (notification's contacts, ticket's registered email,
 * risk's sub-account policy), and what happened on auth.security-events.
 */
@ApplicationScoped
public class AccountEvents {
    private final Outbox outbox;
    private final Clock clock;
    private final String sealingKeyId;
    private final byte[] sealingKey;

    public AccountEvents(Outbox outbox, Clock clock, AuthConfig config) {
        this.outbox = outbox;
        this.clock = clock;
        this.sealingKeyId = config.sealing().keyId();
        this.sealingKey = Base64.getDecoder().decode(config.sealing().key());
    }

    /** Call inside the change's transaction, after the change is flushed (the snapshot carries its version). */
    public void changed(Account a, SecurityEvent.Type what, Map<String, String> details) {
        outbox.enqueue(Topics.ACCOUNTS, snapshot(a, enabledFactors(a)));
        outbox.enqueue(Topics.SECURITY_EVENTS, new SecurityEvent(UUID.randomUUID(), clock.instant(), a.id.toString(),
                what, null, null, null, null, details));
    }

    /** A change with no event of its own (e.g. the anti-phishing code): only the new snapshot. */
    public void snapshotOnly(Account a) {
        outbox.enqueue(Topics.ACCOUNTS, snapshot(a, enabledFactors(a)));
    }

    private static Set<AccountSnapshot.SecondFactor> enabledFactors(Account a) {
        Set<AccountSnapshot.SecondFactor> kinds = java.util.EnumSet.noneOf(AccountSnapshot.SecondFactor.class);
        io.loginguard.auth.factor.SecondFactor.enabledOf(a.id)
                .forEach(f -> kinds.add(AccountSnapshot.SecondFactor.valueOf(f.kind.name())));
        if (io.loginguard.auth.passkey.Passkey.any(a.id)) {
            kinds.add(AccountSnapshot.SecondFactor.PASSKEY);
        }
        return kinds;
    }

    public AccountSnapshot snapshot(Account a, Set<AccountSnapshot.SecondFactor> factors) {
        return new AccountSnapshot(UUID.randomUUID(), clock.instant(), a.id.toString(),
                AccountSnapshot.Status.valueOf(a.status.name()), a.email, a.phone, a.emailVerified, a.phoneVerified,
                factors, a.masterAccountId == null ? null : a.masterAccountId.toString(), a.frozenAt, a.locale,
                a.version, a.antiPhishingCode, sealedSecurityQuestions(a), riskPolicy(a));
    }

    static AccountSnapshot.RiskPolicy riskPolicy(Account a) {
        return a.riskLockoutThreshold == null && a.riskLockMinutes == null ? null
                : new AccountSnapshot.RiskPolicy(a.riskLockoutThreshold == null ? null : a.riskLockoutThreshold.intValue(),
                        a.riskLockMinutes);
    }

    /** The account's questions and answer hashes, sealed for ticket-service; null when it has none. */
    private String sealedSecurityQuestions(Account a) {
        List<SecurityQuestion> questions = SecurityQuestion.of(a.id);
        if (questions.isEmpty()) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        fields.put("count", Integer.toString(questions.size()));
        for (int i = 0; i < questions.size(); i++) {
            fields.put("question." + (i + 1), questions.get(i).question);
            fields.put("answerHash." + (i + 1), questions.get(i).answerHash);
        }
        return SealedParams.seal(fields, a.id.toString(), sealingKeyId, sealingKey);
    }
}
