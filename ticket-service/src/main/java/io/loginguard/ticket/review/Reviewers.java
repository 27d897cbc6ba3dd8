package io.loginguard.ticket.review;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.loginguard.kit.db.Transactions;
import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.code.Hashing;
import io.loginguard.ticket.web.ApiException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reviewer accounts (Argon2id password hashes, the same library as auth-service) and their bearer tokens (random,
 * stored as SHA-256, valid 8 hours). The first reviewer comes from configuration. An unknown name costs the same
 * Argon2 verification as a wrong password; 5 wrong passwords in a row lock the name's login for 15 minutes, answered
 * exactly like a wrong password.
 */
@ApplicationScoped
public class Reviewers {
    static final String TOKEN_PREFIX = "lgr_";
    private static final Logger LOG = Logger.getLogger(Reviewers.class);

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
    private final Transactions tx;
    private final TicketPolicy.Reviewers policy;
    private final Clock clock;
    private volatile String dummyHash;

    public Reviewers(Transactions tx, TicketPolicy policy, Clock clock) {
        this.tx = tx;
        this.policy = policy.reviewers();
        this.clock = clock;
    }

    void bootstrap(@Observes StartupEvent event) {
        dummyHash = hash("not-a-reviewer-" + System.nanoTime());
        Optional<String> username = policy.bootstrapUsername();
        Optional<String> password = policy.bootstrapPassword();
        if (username.isPresent() && password.isPresent()) {
            if (create(username.get(), password.get())) {
                LOG.infof("first reviewer '%s' created from configuration", username.get());
            }
        }
    }

    /** Creates a reviewer unless one of that name exists; true if created. */
    public boolean create(String username, String password) {
        if (password.length() < 12) {
            throw new IllegalArgumentException("a reviewer password has at least 12 characters");
        }
        String hash = hash(password);
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO reviewers (id, username, password_hash, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (username) DO NOTHING""")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, username);
                ps.setString(3, hash);
                ps.setTimestamp(4, Timestamp.from(clock.instant()));
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** A reviewer token for a right name and password; a 401 otherwise (the same for an unknown name). */
    public IssuedToken login(String username, String password) {
        if (username == null || password == null || username.isBlank() || password.isEmpty() || password.length() > 1024) {
            throw invalid();
        }
        Instant now = clock.instant();
        Optional<Account> found = tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, password_hash, locked_until FROM reviewers WHERE username = ? AND NOT disabled")) {
                ps.setString(1, username.trim());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Timestamp locked = rs.getTimestamp(3);
                    return Optional.of(new Account(rs.getObject(1, UUID.class), rs.getString(2),
                            locked != null && locked.toInstant().isAfter(now)));
                }
            }
        });
        if (found.isPresent() && found.get().locked()) {
            verify(dummyHash, password); // the same time and answer as a wrong password
            LOG.warnf("reviewer login for a locked account refused");
            throw invalid();
        }
        boolean ok = verify(found.map(Account::passwordHash).orElse(dummyHash), password) && found.isPresent();
        if (!ok) {
            found.ifPresent(a -> recordFailure(a.id(), now));
            throw invalid();
        }
        resetFailures(found.get().id());
        UUID reviewerId = found.get().id();
        String token = Hashing.token(TOKEN_PREFIX);
        Instant expires = now.plus(policy.tokenValidFor());
        tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO reviewer_tokens (token_hash, reviewer_id, expires_at, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, Hashing.sha256Hex(token));
                ps.setObject(2, reviewerId);
                ps.setTimestamp(3, Timestamp.from(expires));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.executeUpdate();
            }
        });
        return new IssuedToken(token, expires);
    }

    /** The reviewer a bearer token belongs to; 401 for anything else (an end-user session or case key included). */
    public Reviewer authenticate(String authorization) {
        String token = authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? null : authorization.substring(7).trim();
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            throw ApiException.unauthorized("reviewer_token_required", "reviewer endpoints need 'Authorization: Bearer <reviewer token>'");
        }
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT r.id, r.username FROM reviewer_tokens t JOIN reviewers r ON r.id = t.reviewer_id
                    WHERE t.token_hash = ? AND t.expires_at > ? AND NOT r.disabled""")) {
                ps.setString(1, Hashing.sha256Hex(token));
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.unauthorized("reviewer_token_invalid", "the reviewer token is unknown or has expired");
                    }
                    return new Reviewer(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        });
    }

    /** Ends a reviewer token (the console's sign-out); an unknown one is already ended. */
    public void logout(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return;
        }
        tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM reviewer_tokens WHERE token_hash = ?")) {
                ps.setString(1, Hashing.sha256Hex(token));
                ps.executeUpdate();
            }
        });
    }

    private void recordFailure(UUID reviewerId, Instant now) {
        tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE reviewers SET failed_logins = failed_logins + 1,
                        locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
                    WHERE id = ?""")) {
                ps.setInt(1, policy.maxFailedLogins());
                ps.setTimestamp(2, Timestamp.from(now.plus(policy.loginLockout())));
                ps.setObject(3, reviewerId);
                ps.executeUpdate();
            }
        });
    }

    private void resetFailures(UUID reviewerId) {
        tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE reviewers SET failed_logins = 0, locked_until = NULL WHERE id = ? AND failed_logins > 0")) {
                ps.setObject(1, reviewerId);
                ps.executeUpdate();
            }
        });
    }

    private String hash(String password) {
        char[] chars = password.toCharArray();
        try {
            return argon2.hash(policy.argon2().iterations(), policy.argon2().memoryKib(), policy.argon2().parallelism(), chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private boolean verify(String hash, String password) {
        char[] chars = password.toCharArray();
        try {
            return argon2.verify(hash, chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static ApiException invalid() {
        return ApiException.unauthorized("invalid_credentials", "wrong reviewer name or password");
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }

    private record Account(UUID id, String passwordHash, boolean locked) {
    }
}
