package io.loginguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The services refuse, in production mode (the mode of their images), the development keys and passwords they
 * ship. Neither the dev overlay nor docker-compose.yml may use one, or the service would not start.
 */
class NoDevelopmentSecretsTest {

    @Test
    void the_services_ship_development_secrets_that_this_test_knows() {
        // The scan finds them (if it found none, the checks below would prove nothing).
        assertThat(Project.shippedDevelopmentSecrets()).contains("dev-only-identifier-hmac-key").hasSizeGreaterThan(4);
    }

    @Test
    void the_dev_overlay_uses_none_of_the_shipped_development_secrets() {
        Manifests m = Manifests.of("dev");
        Set<String> shipped = Project.shippedDevelopmentSecrets();
        List<String> values = new ArrayList<>();
        for (Secret s : m.all(Secret.class)) {
            if (s.getData() != null) {
                s.getData().values().forEach(v -> values.add(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            if (s.getStringData() != null) {
                values.addAll(s.getStringData().values());
            }
        }
        m.all(ConfigMap.class).forEach(c -> values.addAll(c.getData().values()));
        assertThat(values).isNotEmpty().doesNotContainAnyElementsOf(shipped);
    }

    @Test
    void docker_compose_uses_none_of_the_shipped_development_secrets() throws Exception {
        Assumptions.assumeTrue(Project.onPath("docker-compose"), "docker-compose is not installed: docker-compose.yml is not checked");
        JsonNode services = new YAMLMapper().readTree(Project.run("docker-compose", "-f", "docker-compose.yml", "config")).path("services");
        List<String> values = new ArrayList<>();
        for (String service : Project.SERVICES) {
            services.path(service).path("environment").forEach(v -> values.add(v.asText()));
        }
        assertThat(values).isNotEmpty().doesNotContainAnyElementsOf(Project.shippedDevelopmentSecrets());
    }
}
