package io.loginguard.auth.verification;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.outbox.Outbox;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.SealedParams;
import io.loginguard.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues one-time codes and checks them. A code is sent through notification.requests, sealed, in the transaction
 * that stores its hash, so it is never sent without being valid nor stored without being sent. Checking locks the
 * code's row: a code submitted twice at once is accepted once.
 */
@ApplicationScoped
public class Codes {
    private final CodeHasher hasher;
    private final Outbox outbox;
    private final Clock clock;
    private final AuthConfig.Codes config;
    private final String sealingKeyId;
    private final byte[] sealingKey;

    public Codes(CodeHasher hasher, Outbox outbox, Clock clock, AuthConfig config) {
        this.hasher = hasher;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config.codes();
        this.sealingKeyId = config.sealing().keyId();
        this.sealingKey = Base64.getDecoder().decode(config.sealing().key());
        if (sealingKey.length != 32) {
            throw new IllegalArgumentException("loginguard.auth.sealing.key must be the base64 of 32 bytes");
        }
    }

    /** What a check of a code found. */
    public enum Check { ACCEPTED, WRONG, EXPIRED, NONE }

    /** Where and how a code goes. */
    public record Delivery(UUID accountId, VerificationCode.Purpose purpose, VerificationCode.Channel channel,
                           String destination, String template, String locale) {
    }

    /** Stores a new code (retiring older ones of the same purpose) and requests its sending. Returns its expiry. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Instant issue(Delivery d) {
        Instant now = clock.instant();
        VerificationCode.retireLive(d.accountId(), d.purpose(), now);
        String code = hasher.newCode();
        VerificationCode c = new VerificationCode();
        c.id = UUID.randomUUID();
        c.accountId = d.accountId();
        c.purpose = d.purpose();
        c.channel = d.channel();
        c.destination = d.destination();
        c.codeHash = hasher.hash(c.id, code);
        c.triesLeft = config.maxTries();
        c.createdAt = now;
        c.expiresAt = now.plus(config.validity());
        c.insert();
        // one message per code: the code's id is the request's idempotency key
        send(now, d.accountId(), c.id, d.channel(), d.destination(), d.template(), d.locale(),
                Map.of("validMinutes", Long.toString(config.validity().toMinutes())), Map.of("code", code),
                c.expiresAt);
        return c.expiresAt;
    }

    /** A message with no code (e.g. "someone tried to register with your address"). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notice(UUID accountId, VerificationCode.Channel channel, String destination, String template,
                       String locale) {
        send(clock.instant(), accountId, UUID.randomUUID(), channel, destination, template, locale, Map.of(), Map.of(), null);
    }

    /**
     * Requests a message through the outbox, in the caller's transaction. {@code secrets} (a code, a link) travel
     * sealed, bound to the request id; {@code params} travel in clear and must hold nothing secret. {@code at} is
     * the request's time, the one its expiry was computed from.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void send(Instant at, UUID accountId, UUID requestId, VerificationCode.Channel channel, String destination,
                     String template, String locale, Map<String, String> params, Map<String, String> secrets,
                     Instant expiresAt) {
        String sealed = secrets.isEmpty() ? null
                : SealedParams.seal(secrets, requestId.toString(), sealingKeyId, sealingKey);
        outbox.enqueue(Topics.NOTIFICATION_REQUESTS, new NotificationRequested(UUID.randomUUID(), at,
                accountId.toString(), requestId, NotificationRequested.Channel.valueOf(channel.name()),
                destination, template, locale, params, sealed, expiresAt));
    }

    /**
     * Checks a code against the newest live one of the purpose: right and in time, it is used up; wrong, it loses a
     * try, and burns at the last. Call in a transaction of its own, so a wrong try is kept whatever the caller does.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Check check(UUID accountId, VerificationCode.Purpose purpose, String candidate) {
        Optional<VerificationCode> found = VerificationCode.newestLiveForUpdate(accountId, purpose);
        if (found.isEmpty()) {
            return Check.NONE;
        }
        VerificationCode c = found.get();
        Instant now = clock.instant();
        Check check;
        if (!now.isBefore(c.expiresAt)) {
            c.usedAt = now;
            check = Check.EXPIRED;
        } else if (candidate != null && hasher.matches(c, candidate)) {
            c.usedAt = now;
            check = Check.ACCEPTED;
        } else {
            c.triesLeft--;
            if (c.triesLeft <= 0) {
                c.usedAt = now; // burned
            }
            check = Check.WRONG;
        }
        c.update();
        return check;
    }
}
