package io.loginguard.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private final PasswordPolicy policy = new PasswordPolicy(8, 128);

    @Test
    void acceptsEightCharactersWithUpperLowerAndDigit() {
        assertThat(policy.violations("Abcdefg1", "a@example.com")).isEmpty();
    }

    @Test
    void sevenCharactersAreTooFew() {
        assertThat(policy.violations("Abcdef1", "a@example.com")).containsExactly("must be at least 8 characters");
    }

    @Test
    void eachMissingClassIsNamed() {
        assertThat(policy.violations("abcdefg1", null)).containsExactly("must contain an upper-case letter");
        assertThat(policy.violations("ABCDEFG1", null)).containsExactly("must contain a lower-case letter");
        assertThat(policy.violations("Abcdefgh", null)).containsExactly("must contain a digit");
    }

    @Test
    void atMost128() {
        String ok = "Aa1" + "x".repeat(125);
        assertThat(policy.violations(ok, null)).isEmpty();
        assertThat(policy.violations(ok + "x", null)).containsExactly("must be at most 128 characters");
    }

    @Test
    void notTheIdentifierItself() {
        assertThat(policy.violations("Alice1@Example.com", "alice1@example.com"))
                .containsExactly("must not be the email or phone number itself");
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // seven code points, one outside the BMP: still too short
        assertThat(policy.violations("Abcde1\uD83D\uDE00", null)).contains("must be at least 8 characters");
    }
}
