package io.loginguard.auth.password;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The password rule: at least {@code minLength} (8) and at most {@code maxLength} (128) characters, with an
 * upper-case letter, a lower-case letter and a digit, and not the account's identifier itself.
 */
public final class PasswordPolicy {
    private final int minLength;
    private final int maxLength;

    public PasswordPolicy(int minLength, int maxLength) {
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** The rules the password breaks, empty when it is acceptable. */
    public List<String> violations(String password, String identifier) {
        List<String> broken = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            broken.add("must be at least " + minLength + " characters");
        }
        if (length > maxLength) {
            broken.add("must be at most " + maxLength + " characters");
        }
        if (password.codePoints().noneMatch(Character::isUpperCase)) {
            broken.add("must contain an upper-case letter");
        }
        if (password.codePoints().noneMatch(Character::isLowerCase)) {
            broken.add("must contain a lower-case letter");
        }
        if (password.codePoints().noneMatch(Character::isDigit)) {
            broken.add("must contain a digit");
        }
        if (identifier != null && password.toLowerCase(Locale.ROOT).equals(identifier.toLowerCase(Locale.ROOT))) {
            broken.add("must not be the email or phone number itself");
        }
        return broken;
    }
}
