package io.loginguard.auth.account;

import java.util.Locale;

/** Email addresses are identifiers: compared case-insensitively, stored normalized, masked in logs. */
public final class Emails {
    private Emails() {
    }

    public static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** "alice@example.com" -> "a***@example.com". */
    public static String mask(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
