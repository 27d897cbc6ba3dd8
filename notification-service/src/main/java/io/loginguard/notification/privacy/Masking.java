package io.loginguard.notification.privacy;

/**
 * How destinations appear in logs: enough to tell two apart while debugging, never enough to contact anyone.
 * {@code alice@example.com} becomes {@code a***e@e***.com}; {@code +8613812345678} becomes {@code +86*******5678}.
 */
public final class Masking {
    private Masking() {
    }

    public static String destination(String destination) {
        if (destination == null || destination.isBlank()) {
            return "(none)";
        }
        return destination.indexOf('@') >= 0 ? email(destination) : phone(destination);
    }

    public static String email(String email) {
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return stars(email.length());
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String host = dot < 0 ? domain : domain.substring(0, dot);
        String tld = dot < 0 ? "" : domain.substring(dot);
        return edges(local) + "@" + (host.isEmpty() ? "" : host.charAt(0) + "***") + tld;
    }

    public static String phone(String phone) {
        String digits = phone.replaceAll("[^0-9+]", "");
        if (digits.length() <= 6) {
            return stars(digits.length());
        }
        int head = digits.startsWith("+") ? 3 : 2;
        int tail = 4;
        return digits.substring(0, head) + stars(digits.length() - head - tail) + digits.substring(digits.length() - tail);
    }

    private static String edges(String local) {
        if (local.length() <= 2) {
            return "***";
        }
        return local.charAt(0) + "***" + local.charAt(local.length() - 1);
    }

    private static String stars(int n) {
        return "*".repeat(Math.max(3, n));
    }
}
