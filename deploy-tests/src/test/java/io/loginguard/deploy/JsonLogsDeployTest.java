package io.loginguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Logs are JSON where the services are deployed and text on a developer's stack (docs/ARCHITECTURE.md,
 * "Observability"): the prod profile's default, said again by every Kubernetes overlay and by docker-compose, and
 * turned off by {@code ./loginguard}.
 */
class JsonLogsDeployTest {
    static final java.util.List<String> OVERLAYS = Manifests.OVERLAYS;
    private static final String VARIABLE = "QUARKUS_LOG_CONSOLE_JSON_ENABLED";
    private static final String PROPERTY = "quarkus.log.console.json.enabled";

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void every_kubernetes_container_logs_json(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String service : Project.SERVICES) {
            assertThat(m.environment(service)).as("%s in overlay %s", service, overlay).containsEntry(VARIABLE, "true");
        }
    }

    /** Read as written (no docker-compose needed): each service's environment block is literal, no anchor. */
    @Test
    void every_compose_service_logs_json() throws IOException {
        JsonNode services = new YAMLMapper().readTree(Project.read(Path.of("docker-compose.yml"))).path("services");
        for (String service : Project.SERVICES) {
            assertThat(services.path(service).path("environment").path(VARIABLE).asText()).as(service).isEqualTo("true");
        }
    }

    @Test
    void the_packaged_services_log_json_and_the_local_stack_turns_it_off() throws IOException {
        for (String service : Project.SERVICES) {
            Properties all = new Properties();
            try (var in = java.nio.file.Files.newInputStream(Project.root().resolve(service).resolve("src/main/resources/application.properties"))) {
                all.load(in);
            }
            assertThat(all.getProperty(PROPERTY)).as("%s: text in dev mode and tests", service).isEqualTo("false");
            assertThat(all.getProperty("%prod." + PROPERTY)).as("%s: JSON in the prod profile", service).isEqualTo("true");
            assertThat(Project.runnerEnv(service)).as("./loginguard gives %s", service).contains(VARIABLE);
        }
        assertThat(Project.read(Path.of("loginguard"))).contains("say \"" + VARIABLE + "=false\"");
    }
}
