package io.loginguard.auth.login;

import io.loginguard.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The record key of an attempt on an identifier with no account: {@code unknown:<hmac(identifier)>}. Keyed
 * HMAC rather than a plain hash, so nobody holding the topic can test guesses of email addresses.
 */
@ApplicationScoped
public class AccountKeys {
    private final SecretKeySpec key;

    public AccountKeys(AuthConfig config) {
        this.key = new SecretKeySpec(config.identifierHmacKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String unknown(String normalizedIdentifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(normalizedIdentifier.getBytes(StandardCharsets.UTF_8));
            return "unknown:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
