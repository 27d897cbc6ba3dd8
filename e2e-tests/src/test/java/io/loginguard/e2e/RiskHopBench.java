package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaBroker;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Where a verdict's time goes, hop by hop, without auth: a client publishes a login attempt as auth does (acks=all,
 * linger 0) to a broker in this JVM, the packaged risk-service answers it, and the same client reads the verdict. Both
 * topics stamp records with the broker's append time (LogAppendTime), so each record's timestamp says when the broker
 * took it. For {@code bench.hops} sequential attempts (each sent when the previous verdict is back):
 * <ul>
 *   <li>publish: send to the producer's acknowledgement (what auth waits for before it waits for the verdict);</li>
 *   <li>risk: the attempt's append to the verdict's append (risk's fetch, its processing, its produce);</li>
 *   <li>read: the verdict's append to this client's consumer returning it;</li>
 *   <li>total: send to the verdict read.</li>
 * </ul>
 * {@code -Dbench.risk.<key>=<value>} reaches risk's configuration. Run:
 * {@code ./mvnw -B -pl e2e-tests verify -Pbench -Dit.test=RiskHopBench ...}; numbers in BENCHMARKS.md.
 */
class RiskHopBench {
    @Test
    void verdictHopsOnLoopback() throws Exception {
        int hops = Integer.getInteger("bench.hops", 2000);
        try (KafkaBroker broker = KafkaBroker.startEphemeral().createCatalogueTopics()) {
            for (String topic : List.of(Topics.LOGIN_ATTEMPTS, Topics.RISK_VERDICTS)) {
                broker.admin().incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                        List.of(new AlterConfigOp(new ConfigEntry("message.timestamp.type", "LogAppendTime"),
                                AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            }
            Map<String, String> config = new HashMap<>(Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "loginguard.risk.ip-throttle.enabled", "false",
                    "loginguard.risk.state-dir", Files.createTempDirectory("e2e-hop-risk").toString()));
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.risk."))
                    .forEach(k -> config.put(k.substring("bench.risk.".length()), System.getProperty(k)));
            try (ServiceProcess risk = ServiceProcess.start("risk-service", "hop-risk", config);
                 KafkaProducer<String, byte[]> producer = producer(broker);
                 KafkaConsumer<String, byte[]> consumer = consumer(broker)) {
                Map<UUID, CompletableFuture<ConsumerRecord<String, byte[]>>> waiting = new ConcurrentHashMap<>();
                Map<UUID, Long> readAt = new ConcurrentHashMap<>();
                Thread reader = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                                long now = System.currentTimeMillis();
                                if (r.key() != null && r.key().startsWith("heartbeat:")) {
                                    continue;
                                }
                                UUID attempt = EventJson.fromBytes(r.value(), RiskVerdict.class).attemptId();
                                readAt.put(attempt, now);
                                CompletableFuture<ConsumerRecord<String, byte[]>> f = waiting.remove(attempt);
                                if (f != null) {
                                    f.complete(r);
                                }
                            }
                        } catch (org.apache.kafka.common.errors.WakeupException | IllegalStateException e) {
                            return;
                        }
                    }
                }, "verdict-reader");
                reader.start();
                Histogram publish = new Histogram(60_000_000L, 3);
                Histogram riskHop = new Histogram(60_000_000L, 3);
                Histogram read = new Histogram(60_000_000L, 3);
                Histogram total = new Histogram(60_000_000L, 3);
                int warmUp = 200;
                for (int i = 0; i < warmUp + hops; i++) {
                    String account = new UUID(0x5eed, i % 64).toString();
                    LoginAttempted attempt = new LoginAttempted(UUID.randomUUID(), Instant.now(), account,
                            UUID.randomUUID(), (long) (i / 64 + 1), LoginAttempted.Stage.PASSWORD,
                            LoginAttempted.Outcome.SUCCEEDED, LoginAttempted.Method.EMAIL_PASSWORD, "198.51.100.7", "DE",
                            null, null, "device-" + (i % 64), "bench", null);
                    CompletableFuture<ConsumerRecord<String, byte[]>> verdict = new CompletableFuture<>();
                    waiting.put(attempt.attemptId(), verdict);
                    RecordHeaders headers = new RecordHeaders();
                    CloudEventHeaders.write(headers, attempt);
                    long sent = System.currentTimeMillis();
                    long sentNanos = System.nanoTime();
                    RecordMetadata ack = producer.send(new ProducerRecord<>(Topics.LOGIN_ATTEMPTS, null, account,
                            EventJson.toBytes(attempt), headers)).get(10, TimeUnit.SECONDS);
                    long ackNanos = System.nanoTime();
                    ConsumerRecord<String, byte[]> r = verdict.get(30, TimeUnit.SECONDS);
                    long doneNanos = System.nanoTime();
                    if (i >= warmUp) {
                        publish.recordValue((ackNanos - sentNanos) / 1000);
                        riskHop.recordValue(Math.max(0, r.timestamp() - ack.timestamp()) * 1000);
                        read.recordValue(Math.max(0, readAt.get(attempt.attemptId()) - r.timestamp()) * 1000);
                        total.recordValue((doneNanos - sentNanos) / 1000);
                    }
                    assertThat(sent).isPositive();
                }
                consumer.wakeup();
                reader.join(5000);
                System.out.printf("%nBENCH verdict hops over %d sequential attempts (1 broker in the bench JVM, the "
                        + "packaged risk-service, loopback; LogAppendTime, ms resolution for the two broker hops)%n", hops);
                row("publish (send -> acks=all)", publish);
                row("risk (attempt appended -> verdict appended)", riskHop);
                row("read (verdict appended -> consumer has it)", read);
                row("total (send -> verdict read)", total);
                assertThat(total.getTotalCount()).isEqualTo(hops);
            }
        }
    }

    private static void row(String what, Histogram h) {
        System.out.printf("BENCH | %s | p50 %.1f ms | p90 %.1f ms | p99 %.1f ms | max %.1f ms |%n", what,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker broker) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Reads verdicts as auth does: read_committed, auth's fetch wait (10 ms). */
    private static KafkaConsumer<String, byte[]> consumer(KafkaBroker broker) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = c.partitionsFor(Topics.RISK_VERDICTS).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(partitions);
        c.seekToEnd(partitions);
        partitions.forEach(c::position);
        return c;
    }
}
