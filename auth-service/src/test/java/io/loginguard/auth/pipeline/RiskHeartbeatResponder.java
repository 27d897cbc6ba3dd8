package io.loginguard.auth.pipeline;

import static org.awaitility.Awaitility.await;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.PipelineHeartbeat;
import io.loginguard.events.PipelineHeartbeatEcho;
import io.loginguard.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for risk-service in auth's @QuarkusTests, where it does not run, as far as auth needs an answer to go
 * on: it echoes heartbeats (with the threshold the test chooses) and answers each successful attempt with a verdict
 * (ALLOW unless the test named another for the account). Failures are left unanswered, so they stay in flight at
 * the gate, and verdicts on them are the test's to send. Pausing it is how a test stops "risk" without touching the
 * broker. One per JVM; risk's own rules are tested in risk-service and, with auth, in e2e-tests.
 */
public final class RiskHeartbeatResponder {
    private static RiskHeartbeatResponder instance;

    private final String bootstrap;
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile int threshold = 5;
    private final Map<String, RiskVerdict.Verdict> verdicts = new ConcurrentHashMap<>();

    private RiskHeartbeatResponder(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    public static synchronized RiskHeartbeatResponder running(String bootstrap) {
        if (instance == null) {
            instance = new RiskHeartbeatResponder(bootstrap);
            Thread t = new Thread(instance::loop, "test-risk-heartbeat-responder");
            t.setDaemon(true);
            t.start();
        }
        instance.paused.set(false);
        return instance;
    }

    /**
     * The responder, running, once auth has risk's thresholds from its echo: the gate knows its limits, so logins wait
     * for nothing after this. What every test that logs in calls before its first login.
     */
    public static RiskHeartbeatResponder answering(String bootstrap, PipelineView pipeline) {
        RiskHeartbeatResponder risk = running(bootstrap);
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.threshold().isPresent()
                && pipeline.secondFactorThreshold().isPresent());
        return risk;
    }

    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    public void threshold(int value) {
        threshold = value;
    }

    /** Answers the account's successful attempts with this verdict instead of ALLOW. */
    public void answer(String accountKey, RiskVerdict.Verdict verdict) {
        verdicts.put(accountKey, verdict);
    }

    private void loop() {
        try (KafkaConsumer<String, byte[]> consumer = consumer(); KafkaProducer<String, byte[]> producer = producer()) {
            consumer.subscribe(List.of(Topics.LOGIN_ATTEMPTS));
            while (true) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (paused.get()) {
                        continue;
                    }
                    if (PipelineHeartbeat.isHeartbeatKey(r.key())) {
                        echo(producer, EventJson.fromBytes(r.value(), PipelineHeartbeat.class));
                    } else {
                        LoginAttempted attempt = EventJson.fromBytes(r.value(), LoginAttempted.class);
                        if (attempt.outcome() == LoginAttempted.Outcome.SUCCEEDED) {
                            allow(producer, attempt);
                        }
                    }
                }
            }
        }
    }

    private void echo(KafkaProducer<String, byte[]> producer, PipelineHeartbeat hb) {
        PipelineHeartbeatEcho echo = new PipelineHeartbeatEcho(UUID.randomUUID(), hb.occurredAt(), hb.nodeId(),
                hb.eventId(), hb.occurredAt(), hb.partition(), threshold, 5);
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, echo);
        producer.send(new ProducerRecord<>(Topics.RISK_VERDICTS, null, echo.key(), EventJson.toBytes(echo), headers));
    }

    private void allow(KafkaProducer<String, byte[]> producer, LoginAttempted a) {
        RiskVerdict.Verdict verdict = verdicts.getOrDefault(a.accountKey(), RiskVerdict.Verdict.ALLOW);
        RiskVerdict v = new RiskVerdict(UUID.randomUUID(), a.occurredAt(), a.accountKey(), a.attemptId(), a.sequence(), 0,
                verdict, 0, 0, null, List.of(), a.occurredAt().toEpochMilli() * 1000, threshold, 5, null);
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, v);
        producer.send(new ProducerRecord<>(Topics.RISK_VERDICTS, null, v.key(), EventJson.toBytes(v), headers));
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-heartbeat-responder-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
