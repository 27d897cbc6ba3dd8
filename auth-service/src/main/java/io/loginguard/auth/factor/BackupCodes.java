package io.loginguard.auth.factor;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.verification.CodeHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** An account's single-use backup codes: a new set (shown once, stored hashed), and one used up. */
@ApplicationScoped
public class BackupCodes {
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final SecureRandom random = new SecureRandom();
    private final CodeHasher hasher;
    private final Clock clock;
    private final int perSet;

    public BackupCodes(AuthConfig config, CodeHasher hasher, Clock clock) {
        this.hasher = hasher;
        this.clock = clock;
        this.perSet = config.totp().backupCodes();
    }

    /** Uses up the code if it is one of the account's unused ones (every unused code is compared). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean use(UUID accountId, String code) {
        String normalized = code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
        boolean used = false;
        for (BackupCode b : BackupCode.unusedForUpdate(accountId)) {
            boolean matches = MessageDigest.isEqual(b.codeHash.getBytes(StandardCharsets.US_ASCII),
                    hasher.hash(b.id, normalized).getBytes(StandardCharsets.US_ASCII));
            if (matches && !used) {
                b.markUsed(clock.instant());
                used = true;
            }
        }
        return used;
    }

    /** A new set in place of the old one: the codes as the person sees them ({@code xxxxx-xxxxx}), once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> replace(UUID accountId) {
        BackupCode.deleteAllOf(accountId);
        List<String> shown = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < perSet; i++) {
            StringBuilder raw = new StringBuilder(10);
            for (int c = 0; c < 10; c++) {
                raw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            BackupCode b = new BackupCode();
            b.id = UUID.randomUUID();
            b.accountId = accountId;
            b.codeHash = hasher.hash(b.id, raw.toString());
            b.createdAt = now;
            b.insert();
            shown.add(raw.substring(0, 5) + "-" + raw.substring(5));
        }
        return shown;
    }
}
