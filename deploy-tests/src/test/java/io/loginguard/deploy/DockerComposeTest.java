package io.loginguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.loginguard.events.TopicSpec;
import io.loginguard.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml as {@code docker-compose config} resolves it, against the topic catalogue, each service's
 * configuration and Dockerfile, the local stack runner and the Kubernetes manifests (overlay dev).
 */
class DockerComposeTest {
    private static JsonNode services;

    @BeforeAll
    static void resolve() {
        Assumptions.assumeTrue(Project.onPath("docker-compose"),
                "docker-compose is not installed (Debian: apt-get install docker-compose; .ci/run installs it): docker-compose.yml is not checked");
        String out = Project.run("docker-compose", "-f", "docker-compose.yml", "config");
        try {
            services = new YAMLMapper().readTree(out).path("services");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(services.isObject()).as("docker-compose config lists services").isTrue();
    }

    private static JsonNode service(String name) {
        JsonNode s = services.path(name);
        assertThat(s.isObject()).as("docker-compose.yml has a service " + name).isTrue();
        return s;
    }

    private static Map<String, String> env(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        service(name).path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private static List<String> ports(String name) {
        List<String> ports = new ArrayList<>();
        service(name).path("ports").forEach(p -> ports.add(p.isTextual() ? p.asText()
                : p.path("published").asText() + ":" + p.path("target").asText()));
        return ports;
    }

    @Test
    void kafka_is_the_apache_image_of_the_projects_kafka_release_in_kraft_mode() {
        JsonNode kafka = service("kafka");
        assertThat(kafka.path("image").asText()).isEqualTo("apache/kafka:" + Project.pomProperty("kafka.version"));
        Map<String, String> env = env("kafka");
        assertThat(env.get("KAFKA_PROCESS_ROLES")).contains("broker", "controller");
        assertThat(env).containsKey("KAFKA_CONTROLLER_QUORUM_VOTERS").doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(env).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(kafka.path("healthcheck").path("test").toString()).contains("kafka-broker-api-versions");
    }

    /** The init container creates exactly the catalogue's topics, with its partitions and configs. */
    @Test
    void the_topic_init_creates_every_catalogue_topic_with_its_settings() {
        JsonNode init = service("kafka-topics");
        assertThat(init.path("image").asText()).isEqualTo(service("kafka").path("image").asText());
        String script = init.path("command").get(0).asText();
        Matcher m = Pattern.compile("(?m)^create (\\S+) (\\d+)((?: --config \\S+)*)\\s*$").matcher(script);
        Map<String, Integer> partitions = new HashMap<>();
        Map<String, Map<String, String>> configs = new HashMap<>();
        while (m.find()) {
            partitions.put(m.group(1), Integer.parseInt(m.group(2)));
            Map<String, String> c = new HashMap<>();
            for (String kv : m.group(3).trim().split("\\s*--config\\s+")) {
                if (!kv.isBlank()) {
                    c.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
            }
            configs.put(m.group(1), c);
        }
        assertThat(partitions.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(TopicSpec::name).toList());
        for (TopicSpec spec : Topics.ALL) {
            assertThat(partitions.get(spec.name())).as(spec.name()).isEqualTo(spec.partitions());
            assertThat(configs.get(spec.name())).as(spec.name()).isEqualTo(spec.configs());
        }
        assertThat(init.path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
    }

    @Test
    void each_service_is_built_from_its_dockerfile_and_listens_on_its_configured_port() {
        for (String name : Project.SERVICES) {
            JsonNode s = service(name);
            int port = Project.httpPort(name);
            Path context = Path.of(s.path("build").path("context").asText());
            assertThat(context.getFileName().toString()).isEqualTo(name);
            String dockerfile = s.path("build").path("dockerfile").asText();
            assertThat(dockerfile).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(Files.isRegularFile(Project.root().resolve(name).resolve(dockerfile))).isTrue();
            assertThat(ports(name)).as(name).contains(port + ":" + port);
            assertThat(env(name)).containsEntry("QUARKUS_HTTP_PORT", Integer.toString(port));
            String health = s.path("healthcheck").path("test").toString();
            assertThat(health).as(name).contains("http://localhost:" + port + "/q/health/ready");
            assertThat(s.path("read_only").asBoolean()).as(name + ": read-only root filesystem, like in Kubernetes").isTrue();
            List<String> tmpfs = new ArrayList<>();
            s.path("tmpfs").forEach(t -> tmpfs.add(t.asText()));
            assertThat(tmpfs).as(name + ": a writable /tmp where native libraries can be loaded from")
                    .anyMatch(t -> t.startsWith("/tmp:") && t.contains("exec") && !t.contains("noexec"));
            // Same image repository as the Kubernetes manifests.
            String image = s.path("image").asText();
            String k8sImage = Manifests.of("dev").container(name).getImage();
            assertThat(image.substring(0, image.indexOf(':'))).isEqualTo(k8sImage.substring(0, k8sImage.indexOf(':')));
        }
    }

    @Test
    void every_dependency_is_waited_for_until_healthy() {
        Set<String> names = new HashSet<>();
        services.fieldNames().forEachRemaining(names::add);
        for (String name : Project.SERVICES) {
            JsonNode deps = service(name).path("depends_on");
            assertThat(deps.has("kafka")).as(name + " waits for Kafka").isTrue();
            assertThat(deps.has("kafka-topics")).as(name + " waits for the topics").isTrue();
            if (Project.usesDatabase(name)) {
                assertThat(deps.has("postgres")).as(name).isTrue();
            }
            if (Project.usesRedis(name)) {
                assertThat(deps.has("redis")).as(name).isTrue();
            }
            deps.fields().forEachRemaining(d -> {
                assertThat(names).contains(d.getKey());
                String condition = d.getValue().path("condition").asText();
                if (d.getKey().equals("kafka-topics")) {
                    assertThat(condition).isEqualTo("service_completed_successfully");
                } else {
                    assertThat(condition).as(name + " -> " + d.getKey()).isEqualTo("service_healthy");
                    assertThat(service(d.getKey()).path("healthcheck").path("test").isMissingNode())
                            .as(d.getKey() + " has a health check").isFalse();
                }
            });
        }
        for (String infra : List.of("kafka", "postgres", "redis", "greenmail", "sms-gateway")) {
            assertThat(service(infra).path("healthcheck").path("test").isMissingNode()).as(infra + " health check").isFalse();
        }
    }

    /** Each service's environment names: those of its Kubernetes container, less Kafka's TLS and SCRAM settings. */
    @Test
    void each_service_gets_the_same_variables_as_in_kubernetes_and_the_local_stack() {
        Manifests k8s = Manifests.of("dev");
        for (String name : Project.SERVICES) {
            Set<String> compose = env(name).keySet();
            Set<String> kubernetes = new HashSet<>(k8s.environment(name).keySet());
            kubernetes.removeIf(DockerComposeTest::kafkaSecurity);
            assertThat(compose).as(name + ": compose vs Kubernetes").containsExactlyInAnyOrderElementsOf(kubernetes);
            assertThat(compose).as(name + ": compose vs ./loginguard").containsAll(Project.withoutKeyIds(Project.runnerEnv(name)));
            assertThat(compose).noneMatch(DockerComposeTest::kafkaSecurity);
        }
        Map<String, String> auth = env("auth-service");
        Map<String, String> ticket = env("ticket-service");
        Map<String, String> notification = env("notification-service");
        String keyId = auth.get("LOGINGUARD_AUTH_SEALING_KEY_ID");
        assertThat(ticket).containsEntry("LOGINGUARD_TICKET_SEALING_KEY_ID", keyId);
        String key = auth.get("LOGINGUARD_AUTH_SEALING_KEY");
        assertThat(ticket).containsEntry("LOGINGUARD_TICKET_SEALING_KEY", key);
        assertThat(notification).containsEntry("LOGINGUARD_NOTIFICATION_SEALING_KEYS_" + keyId.toUpperCase(java.util.Locale.ROOT), key);
    }

    private static boolean kafkaSecurity(String name) {
        return name.matches("KAFKA_(SECURITY|SASL|SSL)_.*") || name.startsWith("QUARKUS_KAFKA_STREAMS_");
    }

    @Test
    void services_reach_the_stacks_servers_by_their_compose_names_and_ports() {
        for (String name : Project.SERVICES) {
            Map<String, String> env = env(name);
            String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
            String kafkaListeners = env("kafka").get("KAFKA_ADVERTISED_LISTENERS");
            assertThat(kafkaListeners).as(name + "'s bootstrap is an advertised listener of the broker").contains("//" + bootstrap);
            if (Project.usesDatabase(name)) {
                URI jdbc = URI.create(env.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
                assertThat(jdbc.getHost()).isEqualTo("postgres");
                assertThat(Project.read(Path.of("deploy/compose/postgres-init.sql"))).contains("CREATE DATABASE " + jdbc.getPath().substring(1) + ";");
                assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD")).isEqualTo(env("postgres").get("POSTGRES_PASSWORD"));
            }
            if (Project.usesRedis(name)) {
                assertThat(URI.create(env.get("QUARKUS_REDIS_HOSTS")).getHost()).isEqualTo("redis");
            }
        }
        Map<String, String> notification = env("notification-service");
        assertThat(notification).containsEntry("QUARKUS_MAILER_HOST", "greenmail");
        assertThat(service("greenmail").path("image").asText()).isEqualTo("greenmail/standalone:" + Project.pomProperty("greenmail.version"));
        String smtp = notification.get("QUARKUS_MAILER_PORT");
        assertThat(env("greenmail").get("GREENMAIL_OPTS")).contains("-Dgreenmail.smtp.port=" + smtp,
                "-Dgreenmail.imap.port=" + Project.runnerDefault("IMAP_PORT"), "-Dgreenmail.api.port=" + Project.runnerDefault("MAIL_API_PORT"));
        assertThat(smtp).isEqualTo(Project.runnerDefault("SMTP_PORT"));
        URI sms = URI.create(notification.get("QUARKUS_REST_CLIENT_SMS_GATEWAY_URL"));
        assertThat(sms.getHost()).isEqualTo("sms-gateway");
        assertThat(Integer.toString(sms.getPort())).isEqualTo(Project.runnerDefault("SMS_PORT"));
        assertThat(ports("sms-gateway")).contains(sms.getPort() + ":" + sms.getPort());
        assertThat(notification.get("LOGINGUARD_NOTIFICATION_SMS_API_KEY")).isEqualTo(env("sms-gateway").get("SMS_API_KEY"));
        String smsDockerfile = Project.read(Path.of("test-infra/src/main/docker/Dockerfile.sms"));
        assertThat(smsDockerfile).contains("io.loginguard.testinfra.sms.SmsGatewaySimulator", "--host 0.0.0.0", "--port " + sms.getPort());
    }
}
