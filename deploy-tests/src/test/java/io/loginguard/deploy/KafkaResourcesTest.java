package io.loginguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.TopicAccess;
import io.loginguard.events.TopicSpec;
import io.loginguard.events.Topics;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Strimzi's Kafka, topics and users of every overlay, against the topic catalogue and who reads and writes what. */
class KafkaResourcesTest {
    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kafka_runs_in_kraft_mode_with_node_pools_and_simple_authorization(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.all(Kafka.class)).hasSize(1);
        Kafka kafka = m.all(Kafka.class).get(0);
        String cluster = kafka.getMetadata().getName();
        assertThat(kafka.getMetadata().getAnnotations())
                .containsEntry("strimzi.io/kraft", "enabled").containsEntry("strimzi.io/node-pools", "enabled");
        assertThat(kafka.getSpec().getKafka().getAuthorization().getType()).isEqualTo("simple");
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        assertThat(String.valueOf(config.get("min.insync.replicas"))).isEqualTo(Integer.toString(TopicSpec.MIN_IN_SYNC_REPLICAS));
        assertThat(String.valueOf(config.get("default.replication.factor"))).isEqualTo(Integer.toString(TopicSpec.DEFAULT_REPLICATION));
        assertThat(String.valueOf(config.get("auto.create.topics.enable"))).isEqualTo("false");
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).isNotNull();
        assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).isNotNull();
        assertThat(kafka.getSpec().getZookeeper()).isNull();
        int brokers = 0;
        int controllers = 0;
        for (KafkaNodePool pool : m.all(KafkaNodePool.class)) {
            assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            if (pool.getSpec().getRoles().contains(ProcessRoles.BROKER)) {
                brokers += pool.getSpec().getReplicas();
            }
            if (pool.getSpec().getRoles().contains(ProcessRoles.CONTROLLER)) {
                controllers += pool.getSpec().getReplicas();
            }
        }
        assertThat(brokers).as("brokers: every topic has %d replicas", TopicSpec.DEFAULT_REPLICATION)
                .isGreaterThanOrEqualTo(TopicSpec.DEFAULT_REPLICATION);
        assertThat(controllers % 2).as("an odd KRaft quorum").isEqualTo(1);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void every_catalogue_topic_has_a_kafka_topic_with_the_catalogues_settings(String overlay) {
        Manifests m = Manifests.of(overlay);
        String cluster = m.all(Kafka.class).get(0).getMetadata().getName();
        List<KafkaTopic> topics = m.all(KafkaTopic.class);
        assertThat(topics).extracting(KafkaTopic::getSpec).extracting(s -> s.getTopicName())
                .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(TopicSpec::name).toList());
        for (TopicSpec spec : Topics.ALL) {
            KafkaTopic t = topics.stream().filter(k -> k.getSpec().getTopicName().equals(spec.name())).findFirst().orElseThrow();
            assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            assertThat(t.getSpec().getPartitions()).as(spec.name()).isEqualTo(spec.partitions());
            assertThat(t.getSpec().getReplicas()).as(spec.name()).isEqualTo(TopicSpec.DEFAULT_REPLICATION);
            Map<String, String> config = t.getSpec().getConfig().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
            assertThat(config).as(spec.name()).containsAllEntriesOf(spec.configs())
                    .containsEntry("min.insync.replicas", Integer.toString(TopicSpec.MIN_IN_SYNC_REPLICAS));
            assertThat(config.get("cleanup.policy")).isEqualTo(spec.compacted() ? "compact" : "delete");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void each_service_writes_only_its_own_topics_and_reads_only_what_it_consumes(String overlay) {
        Manifests m = Manifests.of(overlay);
        String cluster = m.all(Kafka.class).get(0).getMetadata().getName();
        assertThat(m.all(KafkaUser.class)).extracting(u -> u.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(TopicAccess.ALL.stream().map(TopicAccess.Client::service).toList());
        Set<String> catalogue = Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet());
        for (TopicAccess.Client client : TopicAccess.ALL) {
            KafkaUser user = m.get(KafkaUser.class, client.service());
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster);
            assertThat(user.getSpec().getAuthentication().getType()).isEqualTo("scram-sha-512");
            List<AclRule> acls = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();
            Set<String> writes = new TreeSet<>();
            Set<String> reads = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            Set<String> topicPrefixes = new TreeSet<>();
            Set<String> transactionalPrefixes = new TreeSet<>();
            for (AclRule acl : acls) {
                assertThat(acl.getType() == null ? "allow" : acl.getType().toValue()).isEqualTo("allow");
                List<AclOperation> ops = acl.getOperations();
                if (acl.getResource() instanceof AclRuleTopicResource topic) {
                    assertThat(topic.getName()).as(client.service() + ": no wildcard").isNotEqualTo("*");
                    if (topic.getPatternType() == AclResourcePatternType.PREFIX) {
                        topicPrefixes.add(topic.getName());
                        continue;
                    }
                    assertThat(catalogue).as(client.service() + " ACL on a topic of the catalogue").contains(topic.getName());
                    assertThat(ops).as(client.service() + " on " + topic.getName()).doesNotContain(AclOperation.ALL);
                    if (ops.contains(AclOperation.WRITE)) {
                        writes.add(topic.getName());
                    }
                    if (ops.contains(AclOperation.READ)) {
                        reads.add(topic.getName());
                    }
                } else if (acl.getResource() instanceof AclRuleGroupResource group) {
                    assertThat(group.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
                    groups.add(group.getName());
                } else if (acl.getResource() instanceof AclRuleTransactionalIdResource tx) {
                    assertThat(tx.getPatternType()).isEqualTo(AclResourcePatternType.PREFIX);
                    transactionalPrefixes.add(tx.getName());
                } else {
                    throw new AssertionError(client.service() + ": unexpected ACL " + acl.getResource());
                }
            }
            assertThat(writes).as(client.service() + " writes").isEqualTo(new TreeSet<>(client.writes()));
            assertThat(reads).as(client.service() + " reads").isEqualTo(new TreeSet<>(client.reads()));
            Set<String> expectedGroups = new TreeSet<>(client.groups());
            if (client.isStreams()) {
                expectedGroups.add(client.streamsApplicationId());
                // internal changelog and repartition topics, and exactly_once_v2's transactional ids (for an operator
                // who switches to it)
                assertThat(topicPrefixes).containsExactly(client.streamsApplicationId() + "-");
                assertThat(transactionalPrefixes).containsExactly(client.streamsApplicationId() + "-");
                assertThat(catalogue).noneMatch(t -> t.startsWith(client.streamsApplicationId()));
            } else {
                assertThat(topicPrefixes).as(client.service() + " prefixed topics").isEmpty();
                assertThat(transactionalPrefixes).isEmpty();
            }
            assertThat(groups).as(client.service() + " groups").isEqualTo(expectedGroups);
        }
    }

    /** TopicAccess against each service's configuration: every channel's topic, dead-letter topic and group. */
    @Test
    void topic_access_matches_every_services_channels() {
        for (String service : Project.SERVICES) {
            TopicAccess.Client client = TopicAccess.of(service).orElseThrow(() -> new AssertionError("TopicAccess has no " + service));
            Properties p = Project.config(service);
            Set<String> reads = new HashSet<>();
            Set<String> writes = new HashSet<>();
            Set<String> groups = new HashSet<>();
            for (String key : p.stringPropertyNames()) {
                String value = p.getProperty(key);
                // a channel (mp.messaging.incoming.<name>.*), or a consumer of a service's own in the same shape
                // (loginguard.consumer.<name>.*: auth's verdict applier)
                String incoming = key.startsWith("mp.messaging.incoming.") ? "mp.messaging.incoming."
                        : key.startsWith("loginguard.consumer.") ? "loginguard.consumer." : null;
                if ((key.startsWith("mp.messaging.") || incoming != null) && key.endsWith(".dead-letter-queue.topic")) {
                    writes.add(value);
                } else if (incoming != null && key.endsWith(".topic")) {
                    reads.add(value);
                    String channel = key.substring(incoming.length(), key.length() - ".topic".length());
                    String group = p.getProperty(incoming + channel + ".group.id");
                    assertThat(group).as(service + " channel " + channel + " has a group id").isNotNull();
                    groups.add(group);
                } else if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) {
                    writes.add(value);
                }
            }
            String streamsTopics = p.getProperty("quarkus.kafka-streams.topics");
            if (streamsTopics != null) {
                reads.addAll(List.of(streamsTopics.split(",")));
                assertThat(client.streamsApplicationId()).isEqualTo(p.getProperty("quarkus.kafka-streams.application-id"));
                // at-least-once is shipped; the ACLs also allow exactly_once_v2's transactional ids, so either works
                assertThat(p.getProperty("kafka-streams.processing.guarantee")).isIn("at_least_once", "exactly_once_v2");
            } else {
                assertThat(client.isStreams()).isFalse();
            }
            assertThat(client.reads()).as(service + " reads what its channels consume").containsAll(reads);
            assertThat(client.writes()).as(service + " writes what its channels produce").containsAll(writes);
            assertThat(client.groups()).as(service + " groups").containsExactlyInAnyOrderElementsOf(groups);
        }
    }

    /**
     * TopicAccess against each service's code: every catalogue topic its code names is one it reads or writes, and every
     * topic it hands to a producer (outbox, ProducerRecord, a Kafka Streams sink) is one it writes.
     */
    @Test
    void topic_access_covers_every_topic_the_services_code_names() throws Exception {
        Map<String, String> constants = new java.util.HashMap<>();
        for (java.lang.reflect.Field f : Topics.class.getFields()) {
            if (f.getType() == String.class) {
                constants.put(f.getName(), (String) f.get(null));
            }
        }
        java.util.regex.Pattern named = java.util.regex.Pattern.compile("Topics\\.([A-Z_]+)\\b");
        java.util.regex.Pattern produced = java.util.regex.Pattern.compile(
                "(?:enqueue\\(|\\.to\\(|ProducerRecord<>\\(|row\\(|insert\\(c, |event\\(c, )Topics\\.([A-Z_]+)\\b");
        for (TopicAccess.Client client : TopicAccess.ALL) {
            Set<String> uses = new TreeSet<>();
            Set<String> produces = new TreeSet<>();
            java.nio.file.Path src = Project.root().resolve(client.service()).resolve("src/main/java");
            try (var files = java.nio.file.Files.walk(src)) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String code = java.nio.file.Files.readString(file);
                    java.util.regex.Matcher m = named.matcher(code);
                    while (m.find()) {
                        if (constants.containsKey(m.group(1))) {
                            uses.add(constants.get(m.group(1)));
                        }
                    }
                    m = produced.matcher(code);
                    while (m.find()) {
                        produces.add(constants.get(m.group(1)));
                    }
                }
            }
            Set<String> access = new HashSet<>(client.reads());
            access.addAll(client.writes());
            assertThat(produces).as(client.service() + " produces (in its code)").isNotEmpty();
            assertThat(client.writes()).as(client.service() + " writes what its code produces").containsAll(produces);
            assertThat(access).as(client.service() + " reads or writes every topic its code names").containsAll(uses);
        }
    }

    /** The catalogue and the table agree: every topic has a writer, and each DLQ belongs to its service alone. */
    @Test
    void every_catalogue_topic_has_a_writer_and_each_dlq_one_owner() {
        Set<String> catalogue = Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet());
        for (TopicAccess.Client c : TopicAccess.ALL) {
            assertThat(catalogue).containsAll(c.writes()).containsAll(c.reads());
        }
        for (String topic : catalogue) {
            List<String> writers = TopicAccess.ALL.stream().filter(c -> c.writes().contains(topic)).map(TopicAccess.Client::service).toList();
            assertThat(writers).as(topic + " writers").isNotEmpty();
            if (topic.endsWith(".dlq")) {
                assertThat(writers).containsExactly(topic.substring(0, topic.indexOf('.')) + "-service");
            }
        }
    }
}
