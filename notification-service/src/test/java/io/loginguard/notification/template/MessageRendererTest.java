package io.loginguard.notification.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind auth sends and every alert renders in English and Chinese, the anti-phishing code first. */
@QuarkusTest
class MessageRendererTest {
    static final List<String> KINDS = List.of("registration-code", "registration-attempt-existing", "login-code",
            "verification-code", "password-reset-link", "account-locked", "new-device", "new-location", "step-up-required",
            "withdrawals-held", "ip-throttled", "password-changed", "password-reset", "two-factor-enabled",
            "two-factor-disabled", "two-factor-reset", "session-revoked", "account-frozen", "phone-changed", "security-digest");

    @Inject
    MessageRenderer renderer;

    @Test
    void everyKindRendersInEveryLocaleWithTheAntiPhishingCodeAtTheTop() {
        Map<String, String> secret = Map.of("code", "123456", "link", "https://loginguard.local/reset#t");
        for (String kind : KINDS) {
            for (String locale : List.of("en", "zh")) {
                RenderedMessage m = renderer.render(kind, locale, Map.of("validMinutes", "30"), secret, "otter-7");
                assertThat(m.subject()).as(kind + "/" + locale).isNotBlank().doesNotContain("{");
                assertThat(m.text().lines().findFirst().orElseThrow()).as(kind + "/" + locale).contains("otter-7");
                assertThat(m.html()).as(kind + "/" + locale).contains("otter-7").contains("lang=\"" + locale + "\"");
                assertThat(m.html().indexOf("otter-7")).isLessThan(m.html().indexOf("<h1"));
                assertThat(m.sms()).as(kind + "/" + locale).isNotBlank().doesNotContain("\n");
            }
        }
    }

    @Test
    void aCodeShowsWithItsValidity() {
        RenderedMessage m = renderer.render("registration-code", "en", Map.of("validMinutes", "30"), Map.of("code", "902113"), null);
        assertThat(m.subject()).isEqualTo("Your Loginguard registration code");
        assertThat(m.text()).contains("Your registration code is 902113.").contains("It is valid for 30 minutes.");
        assertThat(m.html()).contains(">902113<");
        assertThat(m.sms()).isEqualTo("Loginguard registration code: 902113. It is valid for 30 minutes. Never share it.");
        assertThat(m.text()).as("no code set: say how to set one").startsWith("You have not set an anti-phishing code.");
        assertThat(m.toString()).doesNotContain("902113");
    }

    @Test
    void htmlEscapesWhatItShowsButTextDoesNot() {
        RenderedMessage m = renderer.render("new-device", "en", Map.of("device", "<script>x</script>", "ip", "1.2.3.4"), Map.of(), "a&b");
        assertThat(m.html()).doesNotContain("<script>").contains("&lt;script&gt;").contains("a&amp;b");
        assertThat(m.text()).contains("<script>x</script>").contains("a&b");
    }

    @Test
    void aMissingCodeIsAnErrorNotAnEmptyCode() {
        assertThatThrownBy(() -> renderer.render("login-code", "en", Map.of(), Map.of(), null)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void localesFallBackToTheirLanguageThenToEnglish() {
        assertThat(renderer.resolveLocale("login-code", "zh-CN")).isEqualTo("zh");
        assertThat(renderer.resolveLocale("login-code", "zh_Hans_CN")).isEqualTo("zh");
        assertThat(renderer.resolveLocale("login-code", "fr-FR", "zh")).isEqualTo("zh");
        assertThat(renderer.resolveLocale("login-code", "fr", null)).isEqualTo("en");
        assertThat(renderer.resolveLocale("login-code", "../../etc")).isEqualTo("en");
    }

    @Test
    void onlyKnownKindsExist() {
        assertThat(renderer.exists("login-code")).isTrue();
        assertThat(renderer.exists("no-such-kind")).isFalse();
        assertThat(renderer.exists("common")).isFalse();
        assertThat(renderer.exists("../layout")).isFalse();
    }
}
