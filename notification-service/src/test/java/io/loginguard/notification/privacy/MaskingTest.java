package io.loginguard.notification.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void anEmailKeepsItsEdgesAndTopLevelDomainOnly() {
        assertThat(Masking.destination("alice@example.com")).isEqualTo("a***e@e***.com");
        assertThat(Masking.destination("al@mail.example.org")).isEqualTo("***@m***.org");
    }

    @Test
    void aPhoneKeepsItsCountryCodeAndLastFourDigits() {
        assertThat(Masking.destination("+8613812345678")).isEqualTo("+86*******5678");
        assertThat(Masking.destination("+8613812345678")).doesNotContain("138123");
        assertThat(Masking.destination("12345")).isEqualTo("*****");
    }

    @Test
    void nothingIsNamedAsSuch() {
        assertThat(Masking.destination(null)).isEqualTo("(none)");
        assertThat(Masking.destination(" ")).isEqualTo("(none)");
    }
}
