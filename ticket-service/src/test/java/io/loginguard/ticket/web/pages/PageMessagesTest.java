package io.loginguard.ticket.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.qute.i18n.MessageBundle;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Chinese pages have all their words: no message falls back to English, in any bundle. */
class PageMessagesTest {
    static final List<Class<?>> BUNDLES = List.of(PageMessages.class, CaseMessages.class, ErrorMessages.class,
            ReviewMessages.class);

    static Stream<Class<?>> bundles() {
        return BUNDLES.stream();
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void everyEnglishMessageHasAChineseOne(Class<?> bundle) throws Exception {
        Set<String> english = Arrays.stream(bundle.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(english).isNotEmpty();
        Properties zh = chinese(name(bundle));
        assertThat(new TreeSet<>(zh.stringPropertyNames())).isEqualTo(english);
        assertThat(zh.values()).allSatisfy(v -> assertThat(v.toString()).isNotBlank());
    }

    /** Every Chinese file belongs to one of the bundles above, so none is left out of the check. */
    @Test
    void everyChineseFileIsABundleChecked() throws Exception {
        Set<String> names = BUNDLES.stream().map(PageMessagesTest::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(names).hasSize(BUNDLES.size());
        Path dir = Path.of(PageMessagesTest.class.getResource("/messages").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> found = files.map(f -> f.getFileName().toString())
                    .map(f -> f.replaceFirst("_zh\\.properties$", "")).collect(Collectors.toCollection(TreeSet::new));
            assertThat(found).isEqualTo(names);
        }
    }

    private static String name(Class<?> bundle) {
        return bundle.getAnnotation(MessageBundle.class).value();
    }

    private static Properties chinese(String bundle) throws Exception {
        Properties zh = new Properties();
        try (InputStream in = PageMessagesTest.class.getResourceAsStream("/messages/" + bundle + "_zh.properties")) {
            assertThat(in).as(bundle + "_zh.properties").isNotNull();
            zh.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return zh;
    }
}
