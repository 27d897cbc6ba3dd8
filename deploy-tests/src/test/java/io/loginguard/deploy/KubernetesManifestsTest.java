package io.loginguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.loginguard.events.Topics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The services' Kubernetes objects of every overlay, against each service's configuration and Dockerfile. */
class KubernetesManifestsTest {
    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void every_document_parses_into_its_model(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.objects).isNotEmpty();
        for (int i = 0; i < m.objects.size(); i++) {
            HasMetadata o = m.objects.get(i);
            JsonNode doc = m.documents.get(i);
            assertThat(o).as("%s %s: no model knows this kind", doc.path("kind").asText(), doc.path("metadata").path("name").asText())
                    .isNotInstanceOf(GenericKubernetesResource.class);
            assertThat(o.getKind()).isEqualTo(doc.path("kind").asText());
            // the API group (a Strimzi model answers with its newest version, whichever served version it was read from)
            assertThat(o.getApiVersion().split("/")[0]).isEqualTo(doc.path("apiVersion").asText().split("/")[0]);
            assertThat(o.getMetadata().getName()).isNotBlank();
            assertThat(o.getMetadata().getNamespace()).as("%s/%s namespace", o.getKind(), o.getMetadata().getName()).isNotBlank();
            assertThat(unknownSpecFields(o)).as("%s/%s: fields its model does not know", o.getKind(), o.getMetadata().getName()).isEmpty();
        }
    }

    /**
     * Every field, at any depth, that the object's model did not know and kept aside (a typo, or a field of another
     * API version), as {@code path: value}.
     */
    private static Map<String, Object> unknownSpecFields(HasMetadata o) {
        Map<String, Object> unknown = new java.util.TreeMap<>();
        collectUnknown(o, o.getKind(), unknown);
        return unknown;
    }

    private static void collectUnknown(Object node, String path, Map<String, Object> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof java.util.Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                collectUnknown(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknown(v, path + "." + k, unknown));
            return;
        }
        String pkg = node.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (java.lang.reflect.Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class
                    || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.forEach((k, v) -> unknown.put(path + "." + k, v));
                }
            } else {
                collectUnknown(value, path + "." + m.getName().substring(3), unknown);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void each_service_listens_on_its_configured_port_and_is_probed_on_quarkus_health(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String service : Project.SERVICES) {
            int port = Project.httpPort(service);
            assertThat(Project.read(Path.of(service, "pom.xml"))).as(service + " has the health endpoints")
                    .contains("<artifactId>quarkus-smallrye-health</artifactId>");
            Container c = m.container(service);
            assertThat(c.getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(port);
            assertThat(m.environment(service)).containsEntry("QUARKUS_HTTP_PORT", Integer.toString(port));
            assertProbe(c, c.getReadinessProbe(), "/q/health/ready", port);
            assertProbe(c, c.getLivenessProbe(), "/q/health/live", port);
            assertProbe(c, c.getStartupProbe(), "/q/health/started", port);
            Service svc = m.get(Service.class, service);
            assertThat(svc.getSpec().getSelector()).isNotEmpty();
            assertThat(m.podTemplate(service).getMetadata().getLabels()).containsAllEntriesOf(svc.getSpec().getSelector());
            for (ServicePort sp : svc.getSpec().getPorts()) {
                assertThat(portNumber(c, sp.getTargetPort())).as(service + " Service's target port").isEqualTo(port);
            }
            assertThat(Project.read(Path.of(service, "pom.xml"))).contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>");
            String metricsPath = Project.config(service).getProperty("quarkus.micrometer.export.prometheus.path", "/q/metrics");
            assertThat(m.podTemplate(service).getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/path", metricsPath)
                    .containsEntry("prometheus.io/port", Integer.toString(port));
        }
    }

    private static void assertProbe(Container c, Probe probe, String path, int port) {
        assertThat(probe).as(c.getName() + " probe on " + path).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).isEqualTo(path);
        assertThat(portNumber(c, get.getPort())).isEqualTo(port);
    }

    private static int portNumber(Container c, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no port named " + port.getStrVal()))
                .getContainerPort();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void each_service_runs_as_non_root_on_a_read_only_root_filesystem_with_resources(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String service : Project.SERVICES) {
            PodSpec pod = m.podTemplate(service).getSpec();
            Container c = m.container(service);
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(service).isNotNull().isNotZero();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(service).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(service).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(service).contains("ALL");
            assertThat(c.getResources().getRequests()).as(service).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(service).containsKeys("memory");
            // Quarkus, Vert.x and the JNA libraries write temporary files: /tmp is a writable volume.
            assertThat(c.getVolumeMounts()).as(service).anyMatch(v -> v.getMountPath().equals("/tmp") && !Boolean.TRUE.equals(v.getReadOnly()));
            // The Dockerfile's user is the one the pod runs as.
            String dockerfile = Project.read(Path.of(service, "src/main/docker/Dockerfile.jvm"));
            Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)").matcher(dockerfile);
            assertThat(user.find()).as(service + "'s Dockerfile sets a numeric USER").isTrue();
            assertThat(Long.parseLong(user.group(1))).isEqualTo(pod.getSecurityContext().getRunAsUser());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void each_image_is_the_services_own_built_by_its_dockerfile(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String service : Project.SERVICES) {
            String image = m.container(service).getImage();
            assertThat(image).as(service).matches("loginguard/" + Pattern.quote(service) + ":[A-Za-z0-9._-]+");
            String dockerfile = Project.read(Path.of(service, "src/main/docker/Dockerfile.jvm"));
            assertThat(dockerfile).as(service + "'s Dockerfile: the fast-jar layout")
                    .contains("target/quarkus-app/lib/", "target/quarkus-app/app/", "target/quarkus-app/quarkus/", "quarkus-run.jar");
            assertThat(dockerfile).as(service + "'s Dockerfile exposes its port").containsPattern("(?m)^EXPOSE\\s+" + Project.httpPort(service) + "\\s*$");
        }
        Set<String> tags = new HashSet<>();
        Project.SERVICES.forEach(s -> tags.add(m.container(s).getImage().substring(m.container(s).getImage().indexOf(':') + 1)));
        assertThat(tags).as("one release: every service at the same tag").hasSize(1);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void each_service_gets_every_variable_the_local_stack_gives_it(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String service : Project.SERVICES) {
            Map<String, String> env = m.environment(service);
            assertThat(env.keySet()).as(service + " in " + overlay + " vs ./loginguard's service_env")
                    .containsAll(Project.withoutKeyIds(Project.runnerEnv(service)));
            if (Project.usesDatabase(service)) {
                assertThat(env).containsKeys("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
                assertThat(env.get("QUARKUS_DATASOURCE_USERNAME")).as("from a Secret").isNull();
                assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD")).as("from a Secret").isNull();
            }
            if (Project.usesRedis(service)) {
                assertThat(env).containsKey("QUARKUS_REDIS_HOSTS");
            }
        }
        Map<String, String> auth = m.environment("auth-service");
        Map<String, String> ticket = m.environment("ticket-service");
        Map<String, String> notification = m.environment("notification-service");
        // Codes are sealed by auth and ticket and opened by notification: one key id (and key) for the three.
        String keyId = auth.get("LOGINGUARD_AUTH_SEALING_KEY_ID");
        assertThat(keyId).isNotBlank();
        assertThat(ticket).containsEntry("LOGINGUARD_TICKET_SEALING_KEY_ID", keyId);
        assertThat(notification).containsKey("LOGINGUARD_NOTIFICATION_SEALING_KEYS_" + keyId.toUpperCase(java.util.Locale.ROOT));
        assertThat(m.environment("risk-service").get("LOGINGUARD_RISK_STATE_DIR")).isNotBlank();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void every_secret_reference_resolves_and_prod_holds_no_secret_value(String overlay) {
        Manifests m = Manifests.of(overlay);
        Kafka kafka = m.all(Kafka.class).get(0);
        Set<String> operatorSecrets = new HashSet<>();
        m.all(KafkaUser.class).forEach(u -> operatorSecrets.add(u.getMetadata().getName()));
        operatorSecrets.add(kafka.getMetadata().getName() + "-cluster-ca-cert");
        for (String service : Project.SERVICES) {
            for (EnvVar e : m.container(service).getEnv()) {
                if (e.getValueFrom() == null) {
                    continue;
                }
                SecretKeySelector ref = e.getValueFrom().getSecretKeyRef();
                assertThat(ref).as(service + " " + e.getName()).isNotNull();
                if (operatorSecrets.contains(ref.getName())) {
                    assertThat(ref.getName()).as("a service reads only its own KafkaUser's credentials").isEqualTo(service);
                    assertThat(ref.getKey()).isEqualTo("sasl.jaas.config");
                } else if (overlay.equals("dev")) {
                    Secret s = m.get(Secret.class, ref.getName());
                    Map<String, String> data = s.getData() != null ? s.getData() : Map.of();
                    assertThat(data).as(service + " " + e.getName()).containsKey(ref.getKey());
                } else {
                    assertThat(ref.getName()).as("prod: secrets the operator provides, named after the service").isEqualTo(service + "-secrets");
                }
            }
            for (Volume v : m.podTemplate(service).getSpec().getVolumes()) {
                if (v.getSecret() != null) {
                    assertThat(operatorSecrets).contains(v.getSecret().getSecretName());
                }
            }
        }
        if (overlay.equals("prod")) {
            assertThat(m.all(Secret.class)).as("prod renders no Secret: values come from outside the repository").isEmpty();
            for (ConfigMap cm : m.all(ConfigMap.class)) {
                assertThat(cm.getData().keySet()).as(cm.getMetadata().getName() + ": secrets belong in Secrets")
                        .noneMatch(k -> k.endsWith("PASSWORD") || k.contains("SEALING_KEY_") && !k.endsWith("_ID")
                                || k.endsWith("_SECRETS_KEY") || k.endsWith("HMAC_KEY") || k.endsWith("API_KEY")
                                || k.endsWith("ENCRYPTION_KEY") || k.endsWith("JAAS_CONFIG"));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void each_service_is_autoscaled_and_keeps_pods_through_disruptions(String overlay) {
        Manifests m = Manifests.of(overlay);
        for (String service : Project.SERVICES) {
            HasMetadata workload = m.workload(service);
            HorizontalPodAutoscaler hpa = m.get(HorizontalPodAutoscaler.class, service);
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo(workload.getKind());
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
            assertThat(hpa.getSpec().getMinReplicas()).isPositive().isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            assertThat(hpa.getSpec().getMetrics()).isNotEmpty();
            PodDisruptionBudget pdb = m.get(PodDisruptionBudget.class, service);
            assertThat(m.podTemplate(service).getMetadata().getLabels()).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
            assertThat(pdb.getSpec().getMinAvailable().getIntVal()).as(service + ": a PDB never blocks every drain")
                    .isLessThan(hpa.getSpec().getMinReplicas());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void risk_service_keeps_its_state_on_a_volume_with_standby_replicas(String overlay) {
        Manifests m = Manifests.of(overlay);
        StatefulSet risk = m.get(StatefulSet.class, "risk-service");
        Map<String, String> env = m.environment("risk-service");
        String stateDir = env.get("LOGINGUARD_RISK_STATE_DIR");
        assertThat(Project.config("risk-service").getProperty("kafka-streams.state.dir")).contains("loginguard.risk.state-dir");
        VolumeMount mount = m.container("risk-service").getVolumeMounts().stream()
                .filter(v -> v.getMountPath().equals(stateDir)).findFirst().orElseThrow(() -> new AssertionError("no volume at " + stateDir));
        assertThat(risk.getSpec().getVolumeClaimTemplates()).extracting(c -> c.getMetadata().getName()).contains(mount.getName());
        assertThat(Project.config("risk-service").getProperty("kafka-streams.num.standby.replicas")).contains("loginguard.risk.standby-replicas");
        assertThat(Project.config("risk-service").getProperty("kafka-streams.replication.factor")).contains("loginguard.risk.replication-factor");
        assertThat(env.get("LOGINGUARD_RISK_REPLICATION_FACTOR")).isEqualTo("3");
        int standbys = Integer.parseInt(env.get("LOGINGUARD_RISK_STANDBY_REPLICAS"));
        if (overlay.equals("prod")) {
            assertThat(standbys).isGreaterThanOrEqualTo(1);
        }
        assertThat(standbys).as("a standby needs another instance").isLessThan(risk.getSpec().getReplicas());
        assertThat(m.container("risk-service").getEnv()).extracting(EnvVar::getName).contains("QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG");
        // The governing Service exists and is headless; more instances than input partitions would idle.
        Service governing = m.get(Service.class, risk.getSpec().getServiceName());
        assertThat(governing.getSpec().getClusterIP()).isEqualTo("None");
        int partitions = Topics.find(Topics.LOGIN_ATTEMPTS).orElseThrow().partitions();
        assertThat(m.get(HorizontalPodAutoscaler.class, "risk-service").getSpec().getMaxReplicas()).isLessThanOrEqualTo(partitions);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void each_service_reaches_only_kafka_its_own_database_and_its_own_redis(String overlay) {
        Manifests m = Manifests.of(overlay);
        Kafka kafka = m.all(Kafka.class).get(0);
        GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().get(0);
        for (String service : Project.SERVICES) {
            NetworkPolicy np = m.get(NetworkPolicy.class, service);
            Map<String, String> podLabels = m.podTemplate(service).getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(np.getSpec().getPodSelector().getMatchLabels());
            assertThat(np.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
            assertThat(np.getSpec().getIngress()).allSatisfy(r -> assertThat(r.getPorts())
                    .extracting(p -> p.getPort().getIntVal()).containsExactly(Project.httpPort(service)));
            Map<String, String> env = m.environment(service);
            Set<String> allowedPods = new HashSet<>();
            for (NetworkPolicyEgressRule rule : np.getSpec().getEgress()) {
                for (NetworkPolicyPeer peer : rule.getTo()) {
                    if (peer.getIpBlock() != null) {
                        assertThat(service).as("only notification reaches outside the cluster (SMTP, SMS gateway)").isEqualTo("notification-service");
                        assertThat(peer.getIpBlock().getExcept()).contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
                        continue;
                    }
                    Map<String, String> labels = peer.getPodSelector().getMatchLabels();
                    if (Objects.equals(labels.get("k8s-app"), "kube-dns")) {
                        assertThat(rule.getPorts()).allSatisfy(p -> assertThat(p.getPort().getIntVal()).isEqualTo(53));
                    } else if (labels.containsKey("strimzi.io/cluster")) {
                        assertThat(labels.get("strimzi.io/cluster")).isEqualTo(kafka.getMetadata().getName());
                        assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(listener.getPort());
                        allowedPods.add("kafka");
                    } else {
                        String name = labels.get("app.kubernetes.io/name");
                        assertThat(name).as(service + " egress peer " + labels).isNotNull();
                        allowedPods.add(name);
                        int port = rule.getPorts().get(0).getPort().getIntVal();
                        if (name.endsWith("-postgres")) {
                            URI jdbc = URI.create(env.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
                            assertThat(jdbc.getHost()).as(service + ": the database it connects to is the one it may reach").isEqualTo(name);
                            assertThat(jdbc.getPort()).isEqualTo(port);
                        } else if (name.endsWith("-redis")) {
                            URI redis = URI.create(env.get("QUARKUS_REDIS_HOSTS"));
                            assertThat(redis.getHost()).isEqualTo(name);
                            assertThat(redis.getPort()).isEqualTo(port);
                        }
                    }
                }
            }
            String own = service.substring(0, service.indexOf("-service"));
            Set<String> expected = new HashSet<>(Set.of("kafka"));
            if (Project.usesDatabase(service)) {
                expected.add(own + "-postgres");
            }
            if (Project.usesRedis(service)) {
                expected.add(own + "-redis");
            }
            assertThat(allowedPods).as(service + " may reach").isEqualTo(expected);
            // The pods carry the label the Kafka listener lets in.
            assertThat(listener.getNetworkPolicyPeers()).as("the Kafka listener admits only labelled clients").isNotEmpty();
            listener.getNetworkPolicyPeers().forEach(peer -> assertThat(podLabels).containsAllEntriesOf(peer.getPodSelector().getMatchLabels()));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kafka_clients_connect_to_the_authenticated_tls_listener(String overlay) {
        Manifests m = Manifests.of(overlay);
        Kafka kafka = m.all(Kafka.class).get(0);
        GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().get(0);
        assertThat(listener.isTls()).isTrue();
        assertThat(listener.getAuth().getType()).isEqualTo("scram-sha-512");
        for (String service : Project.SERVICES) {
            Map<String, String> env = m.environment(service);
            assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", kafka.getMetadata().getName() + "-kafka-bootstrap:" + listener.getPort());
            assertThat(env).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL").containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
            String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
            assertThat(m.container(service).getVolumeMounts()).as(service + ": the cluster CA is mounted where the truststore is read")
                    .anyMatch(v -> truststore.startsWith(v.getMountPath() + "/"));
        }
    }
}
