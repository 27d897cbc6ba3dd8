package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.Topics;
import io.loginguard.replay.ReplayCli;
import io.loginguard.testinfra.kafka.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One replay into a fresh stack: a broker of its own with the catalogue's topics, the recording played with
 * {@code replay play}, the packaged risk-service started as a process on it (IP throttling off, see
 * replay/README.md), then risk's outputs (and the inputs) recorded with {@code replay record} once risk has answered
 * every attempt.
 */
final class ReplayRun {
    static final String RECORDED = String.join(",", Topics.ACCOUNTS, Topics.LOGIN_ATTEMPTS, Topics.RISK_VERDICTS,
            Topics.RISK_ACCOUNT_STATE, Topics.RISK_DECISIONS);

    /**
     * @param playSeconds    writing the recording into the fresh broker
     * @param bootSeconds    from launching risk-service to its readiness (JVM start; it may already be processing)
     * @param processSeconds from launching risk-service to its last verdict committed
     * @param threads        risk's CPU from its readiness to its last verdict, by kind of thread, largest first
     */
    record Result(Path recording, double playSeconds, double bootSeconds, double processSeconds, long verdicts,
                  Memory memory, Cpu cpu, String threads) {
    }

    /**
     * CPU seconds spent from risk's readiness to its last verdict: by risk-service (its process, from /proc), and by
     * this JVM, which is the broker plus the bench's own verdict counting.
     */
    record Cpu(double risk, double brokerAndBench) {
        String perAttempt(long attempts) {
            return String.format("CPU from ready: risk %.1f s, broker and bench %.1f s (%.0f and %.0f us an attempt)",
                    risk, brokerAndBench, risk * 1e6 / attempts, brokerAndBench * 1e6 / attempts);
        }
    }

    /** A process's CPU time (user and system) in seconds, from /proc/PID/stat, or -1 where there is no /proc. */
    static double procCpuSeconds(long pid) {
        try {
            return ThreadCpu.processSeconds(pid);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** This JVM's CPU time in seconds. */
    static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * risk-service's resident memory (MiB, from /proc): when it became ready, its high-water mark over the run
     * (VmHWM), and once its outputs are recorded after its last verdict (nothing left to do).
     */
    record Memory(long atReady, long peak, long idleAfter) {
        @Override
        public String toString() {
            return "RSS at ready " + atReady + " MiB, peak " + peak + " MiB, idle after " + idleAfter + " MiB";
        }
    }

    /** A /proc/PID/status field in MiB (VmRSS, VmHWM), or -1 where there is no /proc. */
    static long procMiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private ReplayRun() {
    }

    static Result into(Path input, long attempts, String name, Path out, Duration within) throws IOException {
        return into(input, attempts, name, out, within, RECORDED);
    }

    /**
     * Plays {@code input} into a fresh broker, then starts a fresh risk-service on it, waits for {@code attempts}
     * verdicts and records {@code topics}. Risk starts after play, so every input is on the broker when it first
     * fetches and it takes them in timestamp order (risk-service/README.md); see replay/README.md for playing into a
     * running risk-service.
     */
    static Result into(Path input, long attempts, String name, Path out, Duration within, String topics)
            throws IOException {
        try (KafkaBroker broker = KafkaBroker.startEphemeral().createCatalogueTopics()) {
            long started = System.nanoTime();
            assertThat(ReplayCli.run("play", "--in", input.toString(), "--bootstrap", broker.bootstrapServers()))
                    .as("replay play").isZero();
            double playSeconds = (System.nanoTime() - started) / 1e9;
            long launched = System.nanoTime();
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "loginguard.risk.ip-throttle.enabled", "false",
                    "loginguard.risk.state-dir", Files.createTempDirectory("e2e-replay-risk").toString()));
            // -Dbench.risk.<key>=<value>: any other configuration of risk (an experiment, e.g. its commit interval)
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.risk."))
                    .forEach(k -> config.put(k.substring("bench.risk.".length()), System.getProperty(k)));
            try (ServiceProcess risk = ServiceProcess.start("risk-service", name, config)) {
                double bootSeconds = (System.nanoTime() - launched) / 1e9;
                long atReady = procMiB(risk.pid(), "VmRSS");
                double riskCpuAtReady = procCpuSeconds(risk.pid());
                double ownCpuAtReady = ownCpuSeconds();
                ThreadCpu threadsAtReady = ThreadCpu.sample(risk.pid());
                long verdicts = awaitVerdicts(broker, attempts, within, risk);
                double processSeconds = (System.nanoTime() - launched) / 1e9;
                Cpu cpu = new Cpu(procCpuSeconds(risk.pid()) - riskCpuAtReady, ownCpuSeconds() - ownCpuAtReady);
                String threads = ThreadCpu.sample(risk.pid()).describeSince(threadsAtReady, 8, attempts);
                assertThat(ReplayCli.run("record", "--bootstrap", broker.bootstrapServers(), "--topics", topics,
                        "--out", out.toString())).as("replay record").isZero();
                // risk has had nothing to do while its outputs were recorded
                Memory memory = new Memory(atReady, procMiB(risk.pid(), "VmHWM"), procMiB(risk.pid(), "VmRSS"));
                return new Result(out, playSeconds, bootSeconds, processSeconds, verdicts, memory, cpu, threads);
            }
        }
    }

    /** Plays {@code input} into a fresh broker with no consumer: how fast the broker alone takes the same records. */
    static double playAlone(Path input) {
        try (KafkaBroker broker = KafkaBroker.startEphemeral().createCatalogueTopics()) {
            long started = System.nanoTime();
            assertThat(ReplayCli.run("play", "--in", input.toString(), "--bootstrap", broker.bootstrapServers()))
                    .as("replay play").isZero();
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /**
     * How many distinct verdicts (by event id) are committed now: read (read_committed) up to the partitions' end at
     * the call. A verdict risk sent again after a crash (at-least-once) counts once.
     */
    static long committedVerdicts(KafkaBroker broker) {
        return countVerdicts(broker).distinct();
    }

    /** Verdict records on the topic, and how many distinct ones (by event id) among them. */
    record VerdictCount(long records, long distinct) {
    }

    static VerdictCount countVerdicts(KafkaBroker broker) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = verdictReader(broker)) {
            List<TopicPartition> partitions = consumer.assignment().stream().toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // the last stable offsets, read_committed
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    ids.add(eventId(r));
                    records++;
                }
            }
        }
        return new VerdictCount(records, ids.size());
    }

    /** Counts distinct committed verdicts until there are {@code expected}; fails with risk's log after {@code within}. */
    static long awaitVerdicts(KafkaBroker broker, long expected, Duration within, ServiceProcess risk) {
        long deadline = System.nanoTime() + within.toNanos();
        java.util.Set<String> ids = new java.util.HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = verdictReader(broker)) {
            while (ids.size() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(ids.size() + " of " + expected + " verdicts after " + within
                            + "; risk's log:\n" + risk.tail());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> ids.add(eventId(r)));
            }
        }
        return ids.size();
    }

    private static KafkaConsumer<byte[], byte[]> verdictReader(KafkaBroker broker) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.RISK_VERDICTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** A verdict's event id (its CloudEvents header), or its offset for a record without one (then never a repeat). */
    private static String eventId(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r) {
        org.apache.kafka.common.header.Header id = r.headers().lastHeader(CloudEventHeaders.ID);
        return id == null ? r.partition() + "@" + r.offset() : new String(id.value(), StandardCharsets.UTF_8);
    }
}
