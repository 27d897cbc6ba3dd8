package io.loginguard.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a login attempt comes from, as risk's lockout mode {@code account-and-source} tracks it: the device and the
 * address together. Risk keeps the sources in clear in its own store; on its topics a locked source travels only as
 * a digest ({@link #digest}), which auth computes from the request in the same way and checks before any password
 * is hashed. The digest keeps addresses and device ids out of the compacted state topic and gives the gate's Lua a
 * fixed-size, hex-only key.
 */
public final class LoginSource {
    private static final HexFormat HEX = HexFormat.of();

    private LoginSource() {
    }

    /** The key a source is tracked under: {@code <device>@<address>}, {@code -} for a missing part. */
    public static String key(String deviceId, String ip) {
        return (deviceId == null ? "-" : deviceId) + "@" + (ip == null ? "-" : ip);
    }

    /** The device part of a {@link #key}, or null when the source had none. */
    public static String deviceOf(String key) {
        String device = key.substring(0, key.lastIndexOf('@'));
        return device.equals("-") ? null : device;
    }

    /** The first 16 hex digits (64 bits) of the SHA-256 of the source's key. */
    public static String digest(String deviceId, String ip) {
        return digestOfKey(key(deviceId, ip));
    }

    public static String digestOfKey(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Whether {@code value} has the form of a {@link #digest}: 16 lower-case hex digits. */
    public static boolean isDigest(String value) {
        if (value == null || value.length() != 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** A sorted, unmodifiable copy of locked sources (digest to end of lock); null when there are none. */
    public static SortedMap<String, Instant> canonical(Map<String, Instant> locked) {
        return locked == null || locked.isEmpty() ? null : Collections.unmodifiableSortedMap(new TreeMap<>(locked));
    }
}
