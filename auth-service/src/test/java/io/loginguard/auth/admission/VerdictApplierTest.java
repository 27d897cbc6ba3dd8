package io.loginguard.auth.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.DeadLetterHeaders;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * auth's own consumer of risk.verdicts against the real broker: what it applies or dead-letters is committed in its
 * group, and only after the dead-letter topic has the record (nothing is lost between the two).
 */
@QuarkusTest
class VerdictApplierTest {
    private static final String GROUP = "loginguard-auth-verdicts";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anUnreadableRecordIsDeadLetteredThenCommittedInAuthsGroup() throws Exception {
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            deadLetteredThenCommitted(kafka);
        }
    }

    private void deadLetteredThenCommitted(KafkaProbe kafka) throws Exception {
        String key = "applier-" + UUID.randomUUID();
        kafka.send(Topics.RISK_VERDICTS, key, "not a verdict".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> sent = kafka.read(Topics.RISK_VERDICTS, key).get(0);
        TopicPartition partition = new TopicPartition(Topics.RISK_VERDICTS, sent.partition());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(admin, partition) > sent.offset());
        }
        // committed only once the DLQ had it: it is there, with where it came from
        ConsumerRecord<String, byte[]> dead = kafka.read(Topics.AUTH_DLQ, key).get(0);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not a verdict");
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.SOURCE_OFFSET).value(), StandardCharsets.UTF_8))
                .isEqualTo(Long.toString(sent.offset()));
        assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.CONSUMER).value(), StandardCharsets.UTF_8))
                .isEqualTo("auth-service");
    }

    private static long committed(Admin admin, TopicPartition partition) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata offset = offsets.get(partition);
        return offset == null ? -1 : offset.offset();
    }
}
