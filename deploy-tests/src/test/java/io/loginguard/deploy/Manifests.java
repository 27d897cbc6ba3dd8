package io.loginguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/** One overlay rendered by {@code kubectl kustomize} and parsed with fabric8's and Strimzi's models. */
final class Manifests {
    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static {
        // Strimzi's classes carry Strimzi's own CRD annotations, not fabric8's: register each kind by API version.
        Kafka.VERSIONS.forEach(v -> SERIALIZATION.registerKubernetesResource(Kafka.RESOURCE_GROUP + "/" + v, Kafka.RESOURCE_KIND, Kafka.class));
        KafkaNodePool.VERSIONS.forEach(v -> SERIALIZATION.registerKubernetesResource(
                KafkaNodePool.RESOURCE_GROUP + "/" + v, KafkaNodePool.RESOURCE_KIND, KafkaNodePool.class));
        KafkaTopic.VERSIONS.forEach(v -> SERIALIZATION.registerKubernetesResource(
                KafkaTopic.RESOURCE_GROUP + "/" + v, KafkaTopic.RESOURCE_KIND, KafkaTopic.class));
        KafkaUser.VERSIONS.forEach(v -> SERIALIZATION.registerKubernetesResource(
                KafkaUser.RESOURCE_GROUP + "/" + v, KafkaUser.RESOURCE_KIND, KafkaUser.class));
    }

    final String overlay;
    /** Each document as YAML parsed it. */
    final List<JsonNode> documents;
    /** Each document as its model (same order). */
    final List<HasMetadata> objects;

    private Manifests(String overlay, List<JsonNode> documents, List<HasMetadata> objects) {
        this.overlay = overlay;
        this.documents = documents;
        this.objects = objects;
    }

    static void assumeKubectl() {
        Assumptions.assumeTrue(Project.onPath("kubectl"),
                "kubectl is not installed: the kustomize overlays are not rendered nor checked (install kubectl to run these tests)");
    }

    static Manifests of(String overlay) {
        assumeKubectl();
        return RENDERED.computeIfAbsent(overlay, Manifests::render);
    }

    private static Manifests render(String overlay) {
        String yaml = Project.run("kubectl", "kustomize", "deploy/overlays/" + overlay);
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode doc : docs) {
            objects.add(SERIALIZATION.unmarshal(doc.toString()));
        }
        return new Manifests(overlay, docs, objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                "overlay " + overlay + " renders no " + type.getSimpleName() + " named " + name));
    }

    /** The service's workload: a Deployment, or a StatefulSet (risk-service). */
    HasMetadata workload(String service) {
        Optional<Deployment> d = find(Deployment.class, service);
        Optional<StatefulSet> s = find(StatefulSet.class, service);
        if (d.isPresent() == s.isPresent()) {
            throw new AssertionError("overlay " + overlay + " must render exactly one Deployment or StatefulSet named " + service);
        }
        return d.isPresent() ? d.get() : s.get();
    }

    PodTemplateSpec podTemplate(String service) {
        HasMetadata w = workload(service);
        return w instanceof Deployment d ? d.getSpec().getTemplate() : ((StatefulSet) w).getSpec().getTemplate();
    }

    Container container(String service) {
        List<Container> containers = podTemplate(service).getSpec().getContainers();
        return containers.stream().filter(c -> c.getName().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " has no container named " + service));
    }

    /**
     * Every environment variable the service's container gets, with its value where the manifests hold it (from a
     * ConfigMap or a literal) and {@code null} where it comes from a Secret.
     */
    Map<String, String> environment(String service) {
        Container c = container(service);
        Map<String, String> env = new LinkedHashMap<>();
        if (c.getEnvFrom() != null) {
            c.getEnvFrom().forEach(from -> {
                if (from.getConfigMapRef() != null) {
                    env.putAll(get(ConfigMap.class, from.getConfigMapRef().getName()).getData());
                }
                if (from.getSecretRef() != null) {
                    throw new AssertionError(service + ": envFrom a whole Secret hides which variables it gives; use secretKeyRef");
                }
            });
        }
        if (c.getEnv() != null) {
            c.getEnv().forEach(e -> env.put(e.getName(), e.getValueFrom() == null ? e.getValue() : null));
        }
        return env;
    }
}
