package io.loginguard.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private static final CommonPasswords COMMON = CommonPasswords.top(10_000);
    private final PasswordPolicy policy = new PasswordPolicy(8, 128, COMMON);

    private java.util.List<String> codes(String password, String identifier) {
        return policy.check(password, identifier).stream().map(PasswordPolicy.Violation::code).toList();
    }

    @Test
    void acceptsEightCharactersWithUpperLowerAndDigit() {
        assertThat(policy.check("Xbcdefg1", "a@example.com")).isEmpty();
    }

    @Test
    void sevenCharactersAreTooFew() {
        assertThat(policy.check("Xbcdef1", "a@example.com"))
                .containsExactly(new PasswordPolicy.Violation("password_too_short", "must be at least 8 characters"));
    }

    @Test
    void eachMissingClassHasItsOwnCode() {
        assertThat(codes("xbcdefg1", null)).containsExactly("password_needs_upper_case");
        assertThat(codes("XBCDEFG1", null)).containsExactly("password_needs_lower_case");
        assertThat(codes("Xbcdefgh", null)).containsExactly("password_needs_digit");
    }

    @Test
    void atMost128() {
        String ok = "Aa1" + "x".repeat(125);
        assertThat(policy.check(ok, null)).isEmpty();
        assertThat(codes(ok + "x", null)).containsExactly("password_too_long");
    }

    @Test
    void notTheIdentifierItselfNorItsLocalPart() {
        assertThat(codes("Alice1@Example.com", "alice1@example.com")).containsExactly("password_is_identifier");
        assertThat(codes("MyAlice1990x", "alice@example.com")).containsExactly("password_contains_identifier");
        assertThat(codes("Xy+4915112345678", "+4915112345678")).containsExactly("password_contains_identifier");
        // a local part shorter than 3 characters would forbid too much: not checked
        assertThat(policy.check("Xbcdefg1", "b@example.com")).isEmpty();
    }

    @Test
    void theTenThousandMostCommonPasswordsAreRefusedInAnyCase() {
        assertThat(COMMON.size()).isEqualTo(10_000);
        assertThat(codes("Password1", null)).containsExactly("password_too_common");
        assertThat(codes("pASSWORD1", null)).contains("password_too_common");
        assertThat(codes("Qwerty123", null)).containsExactly("password_too_common");
        assertThat(codes("Correct1horse", null)).isEmpty();
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // seven code points, one outside the BMP: still too short
        assertThat(codes("Xbcde1\uD83D\uDE00", null)).contains("password_too_short");
    }
}
