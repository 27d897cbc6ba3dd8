package io.loginguard.ticket.config;

import java.util.Base64;

/** Reads a configured AES-256 key (base64 of 32 bytes), naming the setting when it is not one. */
public final class Keys {
    private Keys() {
    }

    public static byte[] aes256(String base64, String setting) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(setting + " must be base64 of 32 bytes (AES-256), it has " + key.length);
        }
        return key;
    }
}
