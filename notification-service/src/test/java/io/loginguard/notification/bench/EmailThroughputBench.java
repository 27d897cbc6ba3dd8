package io.loginguard.notification.bench;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.events.Topics;
import io.loginguard.notification.support.Fixtures;
import io.loginguard.notification.support.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures, not asserts: (1) the time from a request's publication on notification.requests to its message stored by
 * the SMTP server (GreenMail's receive time), p50/p99, at a steady 50 requests/s; (2) sustained emails per second
 * when requests arrive as fast as the producer can write them. Everything on loopback in one JVM (broker, GreenMail,
 * the service), with the real PostgreSQL and Redis. Run:
 * {@code ./mvnw -B -o -pl notification-service verify -Dtest=EmailThroughputBench -Dloginguard.bench=true}
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@EnabledIfSystemProperty(named = "loginguard.bench", matches = "true")
class EmailThroughputBench {
    private static final int RATE = Integer.getInteger("loginguard.bench.rate", 50);
    private static final int PACED = Integer.getInteger("loginguard.bench.paced", 1000);
    private static final int BURST = Integer.getInteger("loginguard.bench.burst", 2000);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void emailsPerSecondAndRequestToInboxLatency() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            run(producer, "warmup", 200, 100);
            String paced = run(producer, "paced", PACED, RATE);
            String burst = run(producer, "burst", BURST, 0);
            String report = "notification-service email benchmark (" + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores)\n" + paced + burst;
            System.out.println(report);
            Files.writeString(Path.of("target", "email-bench.txt"), report);
        }
    }

    /** Publishes {@code count} login-code requests to one fresh address, at {@code rate}/s (0: as fast as possible). */
    private String run(KafkaProducer<String, byte[]> producer, String label, int count, int rate) throws Exception {
        String address = "bench-" + label + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        String account = Fixtures.account();
        Map<String, Instant> published = new HashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                LockSupport.parkNanos(start + i * 1_000_000_000L / rate - System.nanoTime());
            }
            NotificationRequested r = Fixtures.loginCode(account, Channel.EMAIL, address, String.format("%06d", i));
            RecordHeaders headers = new RecordHeaders();
            CloudEventHeaders.write(headers, r);
            producer.send(new ProducerRecord<>(Topics.NOTIFICATION_REQUESTS, null, account, EventJson.toBytes(r), headers));
            published.put("<" + r.requestId() + "@loginguard.local>", r.occurredAt());
        }
        producer.flush();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> stored(address).size() >= count);
        Histogram latency = new Histogram(60_000, 3);
        long first = Long.MAX_VALUE;
        long last = 0;
        for (StoredMessage m : stored(address)) {
            Instant sent = published.get(messageId(m));
            long received = m.getReceivedDate().getTime();
            latency.recordValue(Math.max(0, received - sent.toEpochMilli()));
            first = Math.min(first, sent.toEpochMilli());
            last = Math.max(last, received);
        }
        double seconds = (last - first) / 1000.0;
        return String.format("%-7s %5d emails, offered %s: %.0f emails/s; request -> inbox p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                label, count, rate > 0 ? rate + "/s" : "as fast as possible", count / seconds,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99), latency.getMaxValue());
    }

    private static List<StoredMessage> stored(String address) throws Exception {
        GreenMail mail = TestServers.greenMail();
        var user = mail.getUserManager().getUserByEmail(address);
        return user == null ? List.of() : mail.getManagers().getImapHostManager().getInbox(user).getMessages();
    }

    private static String messageId(StoredMessage m) {
        try {
            return m.getMimeMessage().getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new ByteArraySerializer());
    }
}
