package io.loginguard.auth.verification;

import io.loginguard.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes codes and keeps only keyed hashes of them. A 6-digit code has a million values, so a plain hash of it could
 * be reversed from a stolen table in a moment: the hash is an HMAC under the service's secret, bound to the code's
 * row, and compared in constant time.
 */
@ApplicationScoped
public class CodeHasher {
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final int digits;

    public CodeHasher(AuthConfig config) {
        this.key = new SecretKeySpec(("codes:" + config.identifierHmacKey()).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.digits = config.codes().digits();
    }

    /** A fresh code of the configured number of digits, leading zeros kept. */
    public String newCode() {
        int bound = (int) Math.pow(10, digits);
        return String.format("%0" + digits + "d", random.nextInt(bound));
    }

    public String hash(UUID codeId, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(codeId.toString().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(code.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean matches(VerificationCode stored, String candidate) {
        byte[] expected = stored.codeHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(stored.id, candidate).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
