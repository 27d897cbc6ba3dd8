package io.loginguard.testinfra.kafka;

import io.loginguard.events.TopicSpec;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.net.FreePorts;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller), running in this JVM from the
 * {@code org.apache.kafka} jars. Settings are those of a single-node cluster that still supports
 * transactions, so Kafka Streams' exactly_once_v2 works against it.
 */
public final class KafkaBroker implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final int port;
    private final int advertisedPort;

    private KafkaBroker(EmbeddedKafkaBroker broker, int port) {
        this(broker, port, port);
    }

    private KafkaBroker(EmbeddedKafkaBroker broker, int port, int advertisedPort) {
        this.broker = broker;
        this.port = port;
        this.advertisedPort = advertisedPort;
    }

    /** The port the broker itself listens on (behind a proxy, not the one clients are told). */
    public int port() {
        return port;
    }

    /** A broker on free ports with a throw-away log directory. */
    public static KafkaBroker startEphemeral() {
        int port = freePort();
        EmbeddedKafkaBroker b = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaPort(port)
                .withControllerPort(freePort())
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(KafkaBroker::singleNodeSettings);
        return new KafkaBroker(b.start(), port);
    }

    /**
     * A throw-away broker that tells its clients to reach it at {@code localhost:advertisedPort}: put a
     * {@link io.loginguard.testinfra.net.FaultProxy} there to take Kafka away from every client at once.
     */
    public static KafkaBroker startEphemeralBehind(int advertisedPort) {
        int port = freePort();
        EmbeddedKafkaBroker b = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaPort(port)
                .withControllerPort(freePort())
                .withAdvertisedListeners("PLAINTEXT://localhost:" + advertisedPort)
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(KafkaBroker::singleNodeSettings);
        return new KafkaBroker(b.start(), port, advertisedPort);
    }

    /** A broker on fixed ports whose data survives restarts in {@code dataDir} (the local stack). */
    public static KafkaBroker startPersistent(int port, int controllerPort, Path dataDir, String clusterId) {
        EmbeddedKafkaBroker b = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaPort(port)
                .withControllerPort(controllerPort)
                .withClusterId(clusterId)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    singleNodeSettings(p);
                    p.put("log.dirs", dataDir.toAbsolutePath().toString());
                });
        return new KafkaBroker(b.start(), port);
    }

    private static void singleNodeSettings(Properties p) {
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "6");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    }

    /** Where clients reach the broker (behind a proxy: the proxy). */
    public String bootstrapServers() {
        return "localhost:" + advertisedPort;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates every topic of the catalogue that does not exist yet, with replication 1. */
    public KafkaBroker createCatalogueTopics() {
        createTopics(Topics.ALL);
        return this;
    }

    public void createTopics(List<TopicSpec> specs) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = specs.stream()
                    .filter(s -> !existing.contains(s.name()))
                    .map(s -> new NewTopic(s.name(), s.partitions(), (short) 1).configs(s.configs()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("creating topics failed: " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    @Override
    public void close() {
        broker.close();
    }

    /** A free port no other caller in this JVM gets (see {@link FreePorts}). */
    public static int freePort() {
        return FreePorts.next();
    }
}
