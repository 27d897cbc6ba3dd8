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

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    @Test
    void emailsPerSecondAndRequestToInboxLatency() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            String idle = "RSS idle (after start, before any message): " + rssMiB() + " MiB\n";
            String load = loadavg();
            run(producer, "warmup", 200, 100);
            String paced = run(producer, "paced", PACED, RATE);
            String burst = run(producer, "burst", BURST, 0);
            String report = "notification-service email benchmark (" + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores, load at start " + load + ", at end " + loadavg() + ")\n" + idle + paced + burst
                    + "(RSS is the whole test JVM: the service, the Kafka broker, GreenMail and the bench's producer)\n";
            System.out.println(report);
            Files.writeString(Path.of("target", "email-bench.txt"), report);
        }
    }

    /** Publishes {@code count} login-code requests to one fresh address, at {@code rate}/s (0: as fast as possible). */
    private String run(KafkaProducer<String, byte[]> producer, String label, int count, int rate) throws Exception {
        String address = "bench-" + label + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        String account = Fixtures.account();
        Map<String, Instant> published = new HashMap<>();
        RssSampler rss = new RssSampler();
        long commitsBefore = commits();
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
        long maxRss = rss.stop();
        Thread.sleep(1500); // PostgreSQL publishes its per-database counters within a second
        double commitsPerMessage = (commits() - commitsBefore) / (double) count;
        return String.format("%-7s %5d emails, offered %s: %.0f emails/s; request -> inbox p50 %d ms, p90 %d ms, p99 %d ms, max %d ms;"
                        + " RSS max %d MiB, load %s%n        %s; %.2f PostgreSQL commits per message%n",
                label, count, rate > 0 ? rate + "/s" : "as fast as possible", count / seconds,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99), latency.getMaxValue(),
                maxRss, loadavg(), stages(address), commitsPerMessage);
    }

    /**
     * Transactions committed in the service's database so far (every autocommit statement counts as one). Includes
     * the idle polls of the dispatcher (5/s), the outbox relay and the digest loop, a little over a run's length.
     */
    private long commits() {
        try (java.sql.Connection c = db.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            c.setAutoCommit(true);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    /**
     * Where the time went, from the service's own rows: publication (the request's occurredAt) to the intake's
     * commit, to the hand-over mark (claimed, rate-limited, rendered), to the outcome recorded after the SMTP answer.
     */
    private String stages(String address) {
        String sql = """
                SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY i), percentile_disc(0.99) WITHIN GROUP (ORDER BY i),
                       percentile_disc(0.5) WITHIN GROUP (ORDER BY h), percentile_disc(0.99) WITHIN GROUP (ORDER BY h),
                       percentile_disc(0.5) WITHIN GROUP (ORDER BY o), percentile_disc(0.99) WITHIN GROUP (ORDER BY o)
                FROM (SELECT extract(epoch FROM created_at - occurred_at) * 1000 AS i,
                             extract(epoch FROM handed_over_at - occurred_at) * 1000 AS h,
                             extract(epoch FROM updated_at - occurred_at) * 1000 AS o
                      FROM deliveries WHERE destination = ? AND status = 'DELIVERED') t""";
        try (java.sql.Connection c = db.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, address);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return String.format("stages from publication, p50/p99 ms: recorded %.0f/%.0f, handed over %.0f/%.0f, outcome recorded %.0f/%.0f",
                        rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6));
            }
        } catch (java.sql.SQLException e) {
            return "stages: " + e.getMessage();
        }
    }

    /** VmRSS of this JVM in MiB, from /proc/self/status (-1 where there is no /proc). */
    static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    /** Samples RSS every 100 ms while a run's messages are being delivered; {@link #stop()} returns the highest. */
    private static final class RssSampler {
        private volatile boolean running = true;
        private volatile long max = rssMiB();
        private final Thread thread = new Thread(() -> {
            while (running) {
                max = Math.max(max, rssMiB());
                LockSupport.parkNanos(100_000_000L);
            }
        }, "bench-rss");

        RssSampler() {
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return Math.max(max, rssMiB());
        }
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
