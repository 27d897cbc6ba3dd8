package io.loginguard.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code play}: writes a recording into a stack. Each record goes to {@code prefix + topic}, to the partition it was
 * recorded in, with its key, value, headers and timestamp unchanged, so per-partition order and keys are the
 * recording's and every consumer sees the very records it would have seen.
 *
 * <p><b>Idempotent play.</b> The producer is idempotent (no duplicates from its own retries). Across runs, the
 * n-th record of a recorded partition is meant to be at offset n of its target partition (a topic that only play
 * writes to, without transactions, has contiguous offsets from 0). Before writing, play reads each target partition's
 * end offset E: an empty partition gets everything; a partition with E records gets only the records from the E-th
 * on, after checking that the record at offset E−1 is the recording's E-th record (same key, value, headers and
 * timestamp). A second run into the same topics therefore writes nothing, and an interrupted run resumes where it
 * stopped. If a target partition holds more records than the recording, or its last record is not the recording's,
 * play refuses before writing anything ({@link Refused}): it never guesses what a foreign record means.
 *
 * <p><b>Order across topics.</b> Kafka orders records within a partition only. A consumer that joins several topics
 * (risk reads {@code auth.accounts}, {@code ticket.events} and {@code auth.login-attempts} in one task) takes the
 * buffered record with the lowest timestamp, and waits for records it knows the broker has, but not for records not
 * yet written. So where the file moves from one topic to another, play waits until everything sent before is
 * acknowledged before sending on: every record is on the broker before any record that follows it in the file on
 * another topic. A generated file (all snapshots, then the attempts) thus reaches a running risk-service with each
 * account's snapshot (and its master's lockout policy) before its first attempt, as it would had the snapshots been
 * written long before. Within a topic, records are sent without waiting (batched, up to 5 requests in flight, which
 * the idempotent producer keeps in order).
 *
 * <p>Given topics, play writes only the records of those recorded topics (e.g. risk's inputs out of a recording that
 * also holds risk's outputs and notification requests); everything above then concerns those records alone.
 */
public final class Player {
    public enum Pace { recorded, max }

    private final String bootstrap;
    private final String prefix;
    private final Pace pace;
    private final PrintStream log;
    private final Set<String> topics;

    public Player(String bootstrap, String prefix, Pace pace, PrintStream log) {
        this(bootstrap, prefix, pace, log, null);
    }

    /** As above, playing only the records of the recorded {@code topics} (null or empty: every record). */
    public Player(String bootstrap, String prefix, Pace pace, PrintStream log, Collection<String> topics) {
        this.bootstrap = bootstrap;
        this.prefix = prefix == null ? "" : prefix;
        this.pace = pace;
        this.log = log;
        this.topics = topics == null ? Set.of() : Set.copyOf(topics);
    }

    /** Whether the record is one this play writes (see {@code --topics}). */
    private boolean selected(ReplayRecord r) {
        return topics.isEmpty() || topics.contains(r.topic());
    }

    public record Result(long written, long skipped, double seconds) {
    }

    /** The target topics hold something else than this recording's first records: nothing was written. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    public Result play(Path in, Progress progress) throws IOException {
        Map<TopicPartition, Long> counts = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        Map<String, Long> oldestTimestamp = new HashMap<>();
        JsonLines.forEach(in, r -> {
            if (!selected(r)) {
                return;
            }
            counts.merge(new TopicPartition(prefix + r.topic(), r.partition()), 1L, Long::sum);
            oldestTimestamp.merge(prefix + r.topic(), r.timestamp(), Math::min);
        });
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<TopicPartition, Long> already;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TargetTopics targets = new TargetTopics(admin, bootstrap, prefix, log);
            targets.ensure(counts);
            targets.warnAboutRetention(oldestTimestamp);
            already = targets.endOffsets(counts);
        }
        for (Map.Entry<TopicPartition, Long> e : already.entrySet()) {
            if (e.getValue() > counts.get(e.getKey())) {
                throw new Refused(e.getKey() + " already holds " + e.getValue() + " records, more than the "
                        + counts.get(e.getKey()) + " recorded for it: not a replay of this recording");
            }
        }
        Map<TopicPartition, Long> resume = new HashMap<>();
        already.forEach((tp, end) -> {
            if (end > 0) {
                resume.put(tp, end);
            }
        });
        if (!resume.isEmpty()) {
            verifyResumePoints(in, resume);
        }
        long skipped = resume.values().stream().mapToLong(Long::longValue).sum();
        return write(in, resume, total, skipped, progress);
    }

    /** Checks that each partition's last record is the recording's record at that position. */
    private void verifyResumePoints(Path in, Map<TopicPartition, Long> resume) throws IOException {
        Map<TopicPartition, ReplayRecord> present = new HashMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(resume.keySet());
            resume.forEach((tp, end) -> consumer.seek(tp, end - 1));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (present.size() < resume.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    present.putIfAbsent(tp, Recorder.toRecord(r));
                    consumer.pause(List.of(tp));
                }
            }
        }
        Map<TopicPartition, Long> index = new HashMap<>();
        AtomicReference<String> mismatch = new AtomicReference<>();
        JsonLines.forEach(in, r -> {
            if (!selected(r)) {
                return;
            }
            TopicPartition tp = new TopicPartition(prefix + r.topic(), r.partition());
            long i = index.merge(tp, 1L, Long::sum) - 1;
            Long end = resume.get(tp);
            if (end != null && i == end - 1 && mismatch.get() == null) {
                ReplayRecord there = present.get(tp);
                if (there == null || !there.sameContent(r)) {
                    mismatch.set(tp + " holds " + end + " records but its last one is not the recording's record #"
                            + end + " (" + r + "): not a replay of this recording");
                }
            }
        });
        if (mismatch.get() != null) {
            throw new Refused(mismatch.get());
        }
    }

    private Result write(Path in, Map<TopicPartition, Long> resume, long total, long skipped, Progress progress)
            throws IOException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, pace == Pace.max ? "20" : "0");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L << 20));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "loginguard-replay-play");
        Map<TopicPartition, Long> index = new HashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[] written = {0};
        long started = System.nanoTime();
        long[] firstTimestamp = {Long.MIN_VALUE};
        long[] latestTimestamp = {Long.MIN_VALUE};
        String[] lastTopic = {null};
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            JsonLines.forEach(in, r -> {
                if (failure.get() != null) {
                    throw new IllegalStateException("writing failed: " + failure.get().getMessage(), failure.get());
                }
                if (!selected(r)) {
                    return;
                }
                TopicPartition tp = new TopicPartition(prefix + r.topic(), r.partition());
                long i = index.merge(tp, 1L, Long::sum) - 1;
                if (i < resume.getOrDefault(tp, 0L)) {
                    return;
                }
                if (pace == Pace.recorded) {
                    paceTo(r.timestamp(), started, firstTimestamp, latestTimestamp);
                }
                if (lastTopic[0] != null && !lastTopic[0].equals(tp.topic())) {
                    producer.flush(); // the topic barrier (see the class comment)
                }
                lastTopic[0] = tp.topic();
                RecordHeaders headers = new RecordHeaders();
                r.headers().forEach(h -> headers.add(h.key(), h.value()));
                producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), r.timestamp(), r.key(), r.value(), headers),
                        (meta, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                written[0]++;
                progress.update(skipped + written[0], total);
            });
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IOException("writing failed: " + failure.get().getMessage(), failure.get());
        }
        progress.finish(skipped + written[0], total);
        return new Result(written[0], skipped, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Sleeps until as much wall time has passed since the start as record time since the first record. Record
     * time never goes back: a record older than one already played is written at once.
     */
    private static void paceTo(long timestamp, long started, long[] first, long[] latest) {
        if (first[0] == Long.MIN_VALUE) {
            first[0] = timestamp;
        }
        latest[0] = Math.max(latest[0], timestamp);
        long dueNanos = started + (latest[0] - first[0]) * 1_000_000L;
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
