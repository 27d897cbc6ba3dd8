package io.loginguard.ticket.files;

import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.config.Keys;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Documents at rest: AES-256-GCM, a fresh 12-byte nonce per file, the file's identity (case and file id) as
 * associated data so a stored blob cannot be moved to another case. Stored as {@code nonce ‖ ciphertext ‖ tag}.
 */
@ApplicationScoped
public class DocumentCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    @jakarta.inject.Inject
    public DocumentCipher(TicketPolicy policy) {
        this(Keys.aes256(policy.uploads().encryptionKey(), "loginguard.ticket.uploads.encryption-key"),
                policy.uploads().encryptionKeyId());
    }

    public DocumentCipher(byte[] key, String keyId) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyId;
    }

    public String keyId() {
        return keyId;
    }

    public byte[] encrypt(byte[] plain, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, associatedData, plain, 0, plain.length);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    public byte[] decrypt(byte[] stored, String associatedData) {
        if (stored.length <= NONCE_BYTES) {
            throw new IllegalStateException("a stored document is too short to be one");
        }
        byte[] nonce = Arrays.copyOfRange(stored, 0, NONCE_BYTES);
        return crypt(Cipher.DECRYPT_MODE, nonce, associatedData, stored, NONCE_BYTES, stored.length - NONCE_BYTES);
    }

    private byte[] crypt(int mode, byte[] nonce, String associatedData, byte[] input, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored document does not open: tampered, moved, or another key", e);
        }
    }
}
