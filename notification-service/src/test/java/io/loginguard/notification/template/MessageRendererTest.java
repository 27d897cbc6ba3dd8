package io.loginguard.notification.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind auth sends and every alert renders in English and Chinese, the anti-phishing code first. */
@QuarkusTest
class MessageRendererTest {
    static final String FOLDER = "templates/notifications/";
    static final List<String> LOCALES = List.of("en", "zh");
    /** Every clear param any template reads, so that strict rendering fails only on what a kind really lacks. */
    static final Map<String, String> PARAMS = Map.of("validMinutes", "30", "caseId", "C-1042", "outcome", "APPROVED",
            "name", "YubiKey 5", "time", "2025-01-01 12:00 UTC", "ip", "203.0.113.7", "country", "CN", "device", "Firefox");
    /** Every sealed value any template reads. */
    static final Map<String, String> SECRET = Map.of("code", "123456", "link", "https://loginguard.local/reset#t",
            "token", "lgc_token", "caseUrl", "https://loginguard.local/cases/follow?id=C-1042", "message", "a photo of the ID",
            "reason", "the documents match");
    private static final Pattern REFERENCE = Pattern.compile("\\b(?:params|secret)\\.[A-Za-z]+");

    @Inject
    MessageRenderer renderer;

    /** The kinds: the en folder's files on the classpath, less the shared fragments ({@code common}). */
    static List<String> kinds() {
        return files("en").stream().map(f -> f.substring(0, f.length() - ".txt".length()))
                .filter(k -> !k.equals("common")).sorted().toList();
    }

    /** The names of a locale's template files, as the classpath has them (target/classes in a build). */
    static Set<String> files(String locale) {
        URL url = MessageRendererTest.class.getClassLoader().getResource(FOLDER + locale);
        assertThat(url).as("the folder " + FOLDER + locale + " on the classpath").isNotNull();
        try (Stream<Path> paths = Files.list(Path.of(url.toURI()))) {
            return paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list " + url, e);
        }
    }

    static String source(String locale, String kind) {
        try (InputStream in = MessageRendererTest.class.getClassLoader().getResourceAsStream(FOLDER + locale + "/" + kind + ".txt")) {
            assertThat(in).as(locale + "/" + kind + ".txt").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theKindsAreTheEnglishFolderAndChineseHasAFileForEachNoFallback() {
        assertThat(kinds()).as("the listing found the templates").contains("login-code", "phone-change-code",
                "case-opened", "passkey-added", "security-digest").doesNotContain("common", "layout");
        assertThat(files("zh")).as("zh has exactly en's files: a missing one would silently fall back to English")
                .isEqualTo(files("en"));
        for (String kind : kinds()) {
            assertThat(renderer.exists(kind)).as(kind).isTrue();
            assertThat(renderer.resolveLocale(kind, "zh-CN")).as(kind + " in zh-CN").isEqualTo("zh");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyKindRendersInEveryLocaleWithTheAntiPhishingCodeAtTheTop(String kind) {
        for (String locale : LOCALES) {
            RenderedMessage m = renderer.render(kind, locale, PARAMS, SECRET, "otter-7");
            assertThat(m.subject()).as(kind + "/" + locale).isNotBlank().doesNotContain("{");
            assertThat(m.text().lines().findFirst().orElseThrow()).as(kind + "/" + locale).contains("otter-7");
            assertThat(m.html()).as(kind + "/" + locale).contains("otter-7").contains("lang=\"" + locale + "\"");
            assertThat(m.html().indexOf("otter-7")).as(kind + "/" + locale).isLessThan(m.html().indexOf("<h1"));
            assertThat(m.sms()).as(kind + "/" + locale).isNotBlank().doesNotContain("\n");
            if (source("en", kind).contains("secret.code")) {
                assertThat(m.text()).as(kind + "/" + locale + " shows the code").contains("123456");
                assertThat(m.sms()).as(kind + "/" + locale + " SMS shows the code").contains("123456");
            }
        }
        assertThat(renderer.render(kind, "zh", PARAMS, SECRET, "otter-7").subject()).as(kind + "/zh is Chinese")
                .containsPattern("\\p{IsHan}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theChineseTemplateReadsTheSameParamsAsTheEnglishOne(String kind) {
        assertThat(references(source("zh", kind))).as(kind).isEqualTo(references(source("en", kind)));
    }

    private static Set<String> references(String template) {
        return REFERENCE.matcher(template).results().map(MatchResult::group).collect(Collectors.toCollection(TreeSet::new));
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
