package io.loginguard.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.TopicSpec;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.junit.Infra;
import io.loginguard.testinfra.junit.LoginguardInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@LoginguardInfra
class KafkaBrokerTest {

    @Test
    void everyCatalogueTopicExistsWithItsPartitionsAndCleanupPolicy(Infra infra) throws Exception {
        try (Admin admin = infra.kafka().admin()) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).containsAll(Topics.ALL.stream().map(TopicSpec::name).toList());
            Map<String, TopicDescription> described = admin.describeTopics(List.of(Topics.ACCOUNTS, Topics.LOGIN_ATTEMPTS))
                    .allTopicNames().get();
            assertThat(described.get(Topics.ACCOUNTS).partitions()).hasSize(6);
            ConfigResource accounts = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ACCOUNTS);
            Config config = admin.describeConfigs(List.of(accounts)).all().get().get(accounts);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void aRecordProducedWithAcksAllIsConsumedBack(Infra infra) throws Exception {
        String topic = Topics.SECURITY_EVENTS;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "account-1", "hello")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-infra-roundtrip",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecord<String, String> found = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if ("account-1".equals(r.key())) {
                        found = r;
                    }
                }
            }
            assertThat(found).isNotNull();
            assertThat(found.value()).isEqualTo("hello");
        }
    }

    @Test
    void aSecondRequestInTheSameJvmGetsTheSameBroker(Infra infra) {
        assertThat(infra.kafka()).isSameAs(io.loginguard.testinfra.kafka.SharedKafka.get());
    }
}
