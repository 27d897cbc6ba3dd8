package io.loginguard.auth.password;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The password rule: at least {@code minLength} (8) and at most {@code maxLength} (128) characters, with an
 * upper-case letter, a lower-case letter and a digit; not one of the most common passwords (case-insensitive);
 * not the identifier itself, and not containing the identifier's local part (the part of an email before the
 * {@code @}, or a phone number's digits) when that part is at least {@value #MIN_IDENTIFIER_PART} characters.
 */
public final class PasswordPolicy {
    static final int MIN_IDENTIFIER_PART = 3;

    private final int minLength;
    private final int maxLength;
    private final CommonPasswords common;

    public PasswordPolicy(int minLength, int maxLength, CommonPasswords common) {
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.common = common;
    }

    /** One broken rule: a stable code for machines and a message for people. */
    public record Violation(String code, String message) {
    }

    /** The rules the password breaks, empty when it is acceptable. */
    public List<Violation> check(String password, String identifier) {
        List<Violation> broken = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            broken.add(new Violation("password_too_short", "must be at least " + minLength + " characters"));
        }
        if (length > maxLength) {
            broken.add(new Violation("password_too_long", "must be at most " + maxLength + " characters"));
        }
        if (password.codePoints().noneMatch(Character::isUpperCase)) {
            broken.add(new Violation("password_needs_upper_case", "must contain an upper-case letter"));
        }
        if (password.codePoints().noneMatch(Character::isLowerCase)) {
            broken.add(new Violation("password_needs_lower_case", "must contain a lower-case letter"));
        }
        if (password.codePoints().noneMatch(Character::isDigit)) {
            broken.add(new Violation("password_needs_digit", "must contain a digit"));
        }
        if (common.contains(password)) {
            broken.add(new Violation("password_too_common", "is one of the most common passwords"));
        }
        identifierRule(password, identifier).ifPresent(broken::add);
        return broken;
    }

    private static java.util.Optional<Violation> identifierRule(String password, String identifier) {
        if (identifier == null) {
            return java.util.Optional.empty();
        }
        String p = password.toLowerCase(Locale.ROOT);
        String id = identifier.toLowerCase(Locale.ROOT);
        if (p.equals(id)) {
            return java.util.Optional.of(new Violation("password_is_identifier", "must not be the email or phone number itself"));
        }
        String part = localPart(id);
        if (part.length() >= MIN_IDENTIFIER_PART && p.contains(part)) {
            return java.util.Optional.of(new Violation("password_contains_identifier",
                    "must not contain your email's name or your phone number"));
        }
        return java.util.Optional.empty();
    }

    private static String localPart(String identifier) {
        int at = identifier.indexOf('@');
        if (at >= 0) {
            return identifier.substring(0, at);
        }
        return identifier.replaceAll("[^0-9]", "");
    }
}
