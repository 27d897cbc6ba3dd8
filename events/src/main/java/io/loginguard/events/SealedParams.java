package io.loginguard.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The envelope of {@code NotificationRequested.sealedParams}: codes and links travel through Kafka sealed, and are
 * opened only by notification-service at send time. Format {@code v1.<keyId>.<base64url(nonce ‖ ciphertext ‖
 * tag)>}: AES-256-GCM, a 12-byte random nonce, the request id as associated data (an envelope cannot be moved to
 * another request), the plaintext is the params as sorted {@code key=value} lines,
 * each base64url-encoded. The key id names the key, so keys rotate: seal with the newest, open with any still known.
 */
public final class SealedParams {
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private SealedParams() {
    }

    /** Seals the params for one request with the key {@code keyId} (32 bytes). */
    public static String seal(Map<String, String> params, String requestId, String keyId, byte[] key) {
        requireKey(keyId, key);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, nonce, requestId, encode(params));
        byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        return VERSION + "." + keyId + "." + B64.encodeToString(out);
    }

    /** Opens an envelope with whichever known key it names; tampering, another request or an unknown key throw. */
    public static Map<String, String> open(String envelope, String requestId, Map<String, byte[]> keys) {
        String[] parts = envelope == null ? new String[0] : envelope.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw new IllegalArgumentException("not a sealed-params envelope of version " + VERSION);
        }
        byte[] key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalArgumentException("no key with id '" + parts[1] + "' to open these params");
        }
        byte[] all = B64D.decode(parts[2]);
        if (all.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("sealed params too short");
        }
        byte[] nonce = java.util.Arrays.copyOfRange(all, 0, NONCE_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return decode(crypt(Cipher.DECRYPT_MODE, key, nonce, requestId, sealed));
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, String requestId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(requestId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sealed params do not open: tampered, another request's, or a wrong key", e);
        }
    }

    private static byte[] encode(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> text.append(B64.encodeToString(k.getBytes(StandardCharsets.UTF_8)))
                .append('=').append(B64.encodeToString(v.getBytes(StandardCharsets.UTF_8))).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> decode(byte[] plain) {
        Map<String, String> params = new TreeMap<>();
        for (String line : new String(plain, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                int eq = line.indexOf('=');
                params.put(new String(B64D.decode(line.substring(0, eq)), StandardCharsets.UTF_8),
                        new String(B64D.decode(line.substring(eq + 1)), StandardCharsets.UTF_8));
            }
        }
        return Map.copyOf(params);
    }

    private static void requireKey(String keyId, byte[] key) {
        if (keyId == null || !keyId.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("a key id is 1 to 32 characters of [A-Za-z0-9_-]");
        }
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("a sealing key is 32 bytes (AES-256)");
        }
    }
}
