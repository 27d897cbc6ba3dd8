package io.loginguard.ticket.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loginguard.ticket.support.Documents;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DocumentCipherTest {
    private final DocumentCipher cipher = new DocumentCipher("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "k1");

    @Test
    void roundTripsAndHidesTheContent() {
        byte[] clear = Documents.jpeg(200, 100);
        byte[] stored = cipher.encrypt(clear, "case:a/file:b");
        assertThat(stored.length).isEqualTo(clear.length + 12 + 16);
        assertThat(Documents.contains(stored, Arrays.copyOfRange(clear, 0, 16))).isFalse();
        assertThat(cipher.decrypt(stored, "case:a/file:b")).isEqualTo(clear);
        assertThat(cipher.encrypt(clear, "case:a/file:b")).as("a fresh nonce each time").isNotEqualTo(stored);
    }

    @Test
    void aFileMovedToAnotherCaseOrTamperedWithDoesNotOpen() {
        byte[] stored = cipher.encrypt("id".getBytes(), "case:a/file:b");
        assertThatThrownBy(() -> cipher.decrypt(stored, "case:c/file:b")).isInstanceOf(IllegalStateException.class);
        stored[20] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(stored, "case:a/file:b")).isInstanceOf(IllegalStateException.class);
        DocumentCipher other = new DocumentCipher("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII), "k2");
        assertThatThrownBy(() -> other.decrypt(cipher.encrypt("id".getBytes(), "x"), "x")).isInstanceOf(IllegalStateException.class);
    }
}
