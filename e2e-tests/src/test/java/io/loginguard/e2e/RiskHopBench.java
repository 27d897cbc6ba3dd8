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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * took it. For {@code bench.hops} attempts, sequential (each sent when the previous verdict is back) or, with
 * {@code -Dbench.rate=N}, open loop at N a second (each sent at its scheduled time, which the publish and total hops
 * count from, so a late send is measured, not hidden):
 * <ul>
 *   <li>publish: send to the producer's acknowledgement (what auth waits for before it waits for the verdict);</li>
 *   <li>risk: the attempt's append to the verdict's append (risk's fetch, its processing, its produce);</li>
 *   <li>read: the verdict's append to this client's consumer returning it;</li>
 *   <li>total: send (or its scheduled time) to the verdict read.</li>
 * </ul>
 * {@code -Dbench.risk.<key>=<value>} reaches risk's configuration. Run:
 * {@code ./mvnw -B -pl e2e-tests verify -Pbench -Dit.test=RiskHopBench ...}; numbers in BENCHMARKS.md.
 */
class RiskHopBench {
    @Test
    void verdictHopsOnLoopback() throws Exception {
        int hops = Integer.getInteger("bench.hops", 2000);
        int rate = Integer.getInteger("bench.rate", 0); // attempts a second, open loop; 0: sequential
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
                Map<UUID, Long> readNanos = new ConcurrentHashMap<>();
                Thread reader = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                                long now = System.currentTimeMillis();
                                long nowNanos = System.nanoTime();
                                if (r.key() != null && r.key().startsWith("heartbeat:")) {
                                    continue;
                                }
                                UUID attempt = EventJson.fromBytes(r.value(), RiskVerdict.class).attemptId();
                                readAt.put(attempt, now);
                                readNanos.put(attempt, nowNanos);
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
                int warmUp = Integer.getInteger("bench.warmup", 200);
                int count = warmUp + hops;
                long[] sentNanos = new long[count];
                long[] ackNanos = new long[count];
                long[] ackAppendedAt = new long[count];
                List<UUID> ids = new ArrayList<>(count);
                List<CompletableFuture<ConsumerRecord<String, byte[]>>> verdicts = new ArrayList<>(count);
                long interval = rate > 0 ? 1_000_000_000L / rate : 0;
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    LoginAttempted attempt = attempt(i);
                    CompletableFuture<ConsumerRecord<String, byte[]>> verdict = new CompletableFuture<>();
                    waiting.put(attempt.attemptId(), verdict);
                    ids.add(attempt.attemptId());
                    verdicts.add(verdict);
                    RecordHeaders headers = new RecordHeaders();
                    CloudEventHeaders.write(headers, attempt);
                    if (rate > 0) { // open loop: each attempt at its time, late or not (no coordinated omission)
                        long due = start + i * interval;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        sentNanos[i] = due;
                    } else {
                        sentNanos[i] = System.nanoTime();
                    }
                    int n = i;
                    Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(Topics.LOGIN_ATTEMPTS, null,
                            attempt.accountKey(), EventJson.toBytes(attempt), headers), (ack, error) -> {
                                if (ack != null) {
                                    ackNanos[n] = System.nanoTime();
                                    ackAppendedAt[n] = ack.timestamp();
                                }
                            });
                    if (rate <= 0) {
                        sent.get(10, TimeUnit.SECONDS);
                        verdict.get(30, TimeUnit.SECONDS);
                    }
                }
                producer.flush();
                Histogram publish = new Histogram(60_000_000L, 3);
                Histogram riskHop = new Histogram(60_000_000L, 3);
                Histogram read = new Histogram(60_000_000L, 3);
                Histogram total = new Histogram(60_000_000L, 3);
                for (int i = warmUp; i < count; i++) {
                    ConsumerRecord<String, byte[]> r = verdicts.get(i).get(60, TimeUnit.SECONDS);
                    publish.recordValue(Math.max(0, ackNanos[i] - sentNanos[i]) / 1000);
                    riskHop.recordValue(Math.max(0, r.timestamp() - ackAppendedAt[i]) * 1000);
                    read.recordValue(Math.max(0, readAt.get(ids.get(i)) - r.timestamp()) * 1000);
                    total.recordValue(Math.max(0, readNanos.get(ids.get(i)) - sentNanos[i]) / 1000);
                }
                consumer.wakeup();
                reader.join(5000);
                System.out.printf("%nBENCH verdict hops over %d attempts, %s (1 broker in the bench JVM, the packaged "
                        + "risk-service, loopback; LogAppendTime, ms resolution for the two broker hops)%n", hops,
                        rate > 0 ? "open loop at " + rate + " a second" : "sequential");
                row("publish (send -> acks=all)", publish);
                row("risk (attempt appended -> verdict appended)", riskHop);
                row("read (verdict appended -> consumer has it)", read);
                row("total (send -> verdict read)", total);
                assertThat(total.getTotalCount()).isEqualTo(hops);
            }
        }
    }

    /** The i-th attempt: 64 accounts in turn, each from its own device, all succeeding. */
    private static LoginAttempted attempt(int i) {
        String account = new UUID(0x5eed, i % 64).toString();
        return new LoginAttempted(UUID.randomUUID(), Instant.now(), account, UUID.randomUUID(), (long) (i / 64 + 1),
                LoginAttempted.Stage.PASSWORD, LoginAttempted.Outcome.SUCCEEDED, LoginAttempted.Method.EMAIL_PASSWORD,
                "198.51.100.7", "DE", null, null, "device-" + (i % 64), "bench", null);
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
