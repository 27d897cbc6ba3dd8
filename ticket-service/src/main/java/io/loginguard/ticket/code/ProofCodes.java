package io.loginguard.ticket.code;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.kit.db.Transactions;
import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.config.Keys;
import io.loginguard.ticket.notify.PersonNotifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Six-digit codes that prove a destination (the registered email, the registered or a new phone): valid 30 minutes,
 * single use, burnt after 5 wrong tries, a new one no sooner than a minute after the last. Only an HMAC of the code is
 * stored; the code itself leaves sealed, to notification-service.
 */
@ApplicationScoped
public class ProofCodes {
    private final Transactions tx;
    private final PersonNotifier notifier;
    private final TicketPolicy.Codes policy;
    private final Clock clock;
    private final byte[] hmacKey;

    public ProofCodes(Transactions tx, PersonNotifier notifier, TicketPolicy policy, Clock clock) {
        this.tx = tx;
        this.notifier = notifier;
        this.policy = policy.codes();
        this.clock = clock;
        byte[] filesKey = Keys.aes256(policy.uploads().encryptionKey(), "loginguard.ticket.uploads.encryption-key");
        this.hmacKey = Hashing.hmacHex(filesKey, "ticket-proof-codes").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Issues a code for the destination and asks for it to be sent, unless one was issued less than a minute ago. */
    public void issue(String accountId, Channel channel, String destination, String locale) {
        Instant now = clock.instant();
        tx.run(c -> {
            if (issuedRecently(c, accountId, channel, destination, now)) {
                return;
            }
            UUID id = UUID.randomUUID();
            String code = Hashing.sixDigits();
            Instant expires = now.plus(policy.validFor());
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO proof_codes (id, account_id, channel, destination_hash, code_hash, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, id);
                ps.setString(2, accountId);
                ps.setString(3, channel.name());
                ps.setString(4, destinationHash(destination));
                ps.setString(5, codeHash(id, code));
                ps.setTimestamp(6, Timestamp.from(now));
                ps.setTimestamp(7, Timestamp.from(expires));
                ps.executeUpdate();
            }
            notifier.send(c, new PersonNotifier.Message(accountId, channel, destination, PersonNotifier.CASE_CODE, locale,
                    Map.of("validMinutes", Long.toString(policy.validFor().toMinutes())), Map.of("code", code), expires));
        });
    }

    /**
     * Checks a code against the newest live one for the destination, counting a wrong try. Returns the id of the code
     * that matched, to be spent with {@link #spend} in the transaction that uses it; null if it does not match.
     */
    public UUID check(String accountId, Channel channel, String destination, String code) {
        if (code == null || !code.trim().matches("\\d{6}")) {
            return null;
        }
        Instant now = clock.instant();
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, code_hash FROM proof_codes
                    WHERE account_id = ? AND channel = ? AND destination_hash = ? AND used_at IS NULL
                      AND expires_at > ? AND attempts < ?
                    ORDER BY created_at DESC LIMIT 1 FOR UPDATE""")) {
                ps.setString(1, accountId);
                ps.setString(2, channel.name());
                ps.setString(3, destinationHash(destination));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setInt(5, policy.maxAttempts());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    UUID id = rs.getObject(1, UUID.class);
                    if (Hashing.same(rs.getString(2), codeHash(id, code.trim()))) {
                        return id;
                    }
                    try (PreparedStatement wrong = c.prepareStatement("UPDATE proof_codes SET attempts = attempts + 1 WHERE id = ?")) {
                        wrong.setObject(1, id);
                        wrong.executeUpdate();
                    }
                    return null;
                }
            }
        });
    }

    /** Spends a checked code in the caller's transaction; false if it was spent meanwhile (a race of two requests). */
    public boolean spend(Connection c, UUID codeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE proof_codes SET used_at = ? WHERE id = ? AND used_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setObject(2, codeId);
            return ps.executeUpdate() == 1;
        }
    }

    private boolean issuedRecently(Connection c, String accountId, Channel channel, String destination, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT 1 FROM proof_codes WHERE account_id = ? AND channel = ? AND destination_hash = ? AND created_at > ?
                LIMIT 1""")) {
            ps.setString(1, accountId);
            ps.setString(2, channel.name());
            ps.setString(3, destinationHash(destination));
            ps.setTimestamp(4, Timestamp.from(now.minus(policy.resendAfter())));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private String codeHash(UUID id, String code) {
        return Hashing.hmacHex(hmacKey, id + ":" + code);
    }

    private static String destinationHash(String destination) {
        return Hashing.sha256Hex(destination.trim().toLowerCase(Locale.ROOT));
    }
}
