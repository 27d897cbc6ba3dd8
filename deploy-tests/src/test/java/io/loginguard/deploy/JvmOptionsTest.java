package io.loginguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * auth-service's JVM options (a small heap, SerialGC, C1 only: BENCHMARKS.md, "auth-service's memory, and its JVM") are
 * written in three languages: {@code ./loginguard}'s {@code jvm_options_of}, the e2e harness's {@code ServiceProcess}
 * and auth's image ({@code JAVA_OPTS_APPEND}). What the benchmarks measured is what a developer and a deployment run
 * only while the three say the same; this test reads them as written and compares.
 */
class JvmOptionsTest {
    private static final Path SCRIPT = Path.of("loginguard");
    private static final Path HARNESS = Path.of("e2e-tests/src/test/java/io/loginguard/e2e/ServiceProcess.java");
    private static final Path AUTH_IMAGE = Path.of("auth-service/src/main/docker/Dockerfile.jvm");

    @Test
    void the_local_stack_the_e2e_processes_and_auths_image_run_auth_with_the_same_options() {
        List<String> script = options(find(SCRIPT, "auth-service\\) say \"([^\"]+)\""));
        assertThat(script).as("./loginguard's options for auth").contains("-XX:TieredStopAtLevel=1")
                .anyMatch(o -> o.startsWith("-Xmx"));
        assertThat(options(find(HARNESS, "equals\\(\"auth-service\"\\)\\s*\\?\\s*\"([^\"]+)\"")))
                .as("ServiceProcess's options for auth").isEqualTo(script);
        List<String> image = options(find(AUTH_IMAGE, "ENV JAVA_OPTS_APPEND=\"([^\"]+)\"")).stream()
                .filter(o -> o.startsWith("-X")).toList();
        assertThat(image).as("auth's image, JAVA_OPTS_APPEND's -X options").isEqualTo(script);
    }

    @Test
    void the_local_stack_and_the_e2e_processes_run_the_other_services_alike() {
        assertThat(options(find(HARNESS, "equals\\(\"auth-service\"\\)\\s*\\?\\s*\"[^\"]+\"\\s*:\\s*\"([^\"]+)\"")))
                .as("ServiceProcess's options for the other services")
                .isEqualTo(options(find(SCRIPT, "\\*\\) say \"([^\"]+)\"")));
    }

    private static String find(Path file, String regex) {
        Matcher m = Pattern.compile(regex).matcher(Project.read(file));
        assertThat(m.find()).as("%s holds /%s/", file, regex).isTrue();
        return m.group(1);
    }

    private static List<String> options(String line) {
        return Arrays.asList(line.trim().split("\\s+"));
    }
}
