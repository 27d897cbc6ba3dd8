package io.loginguard.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code record}: reads topics from their beginning up to the end offsets they had when it started and writes every
 * record to a JSON Lines file. It joins no consumer group and commits nothing (partitions are assigned, not
 * subscribed), so recording never disturbs the services' own groups. It reads committed records only: outputs
 * written in a transaction that was later aborted (risk under exactly_once_v2, if switched on) are not part of what
 * the system decided.
 * Within a partition the file keeps offset order; partitions are interleaved as the broker's fetches return them.
 */
public final class Recorder {
    private final String bootstrap;
    private final List<String> topics;

    public Recorder(String bootstrap, List<String> topics) {
        this.bootstrap = bootstrap;
        this.topics = List.copyOf(topics);
    }

    public record Result(long records, double seconds) {
    }

    public Result record(Path out, Progress progress) throws IOException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 << 20));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(32 << 20));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "loginguard-replay-record");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             JsonLines.Writer writer = JsonLines.Writer.to(out)) {
            List<TopicPartition> partitions = new ArrayList<>();
            Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(30));
            for (String topic : topics) {
                List<PartitionInfo> infos = existing.get(topic);
                if (infos == null) {
                    throw new IllegalArgumentException("topic '" + topic + "' does not exist on " + bootstrap);
                }
                infos.stream().map(i -> new TopicPartition(i.topic(), i.partition()))
                        .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).forEach(partitions::add);
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            consumer.seekToBeginning(partitions);
            long total = 0;
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long n = end.get(tp) - begin.get(tp);
                total += n;
                if (n > 0) {
                    remaining.put(tp, end.get(tp));
                }
            }
            // partitions already complete take no part in fetching
            consumer.pause(partitions.stream().filter(tp -> !remaining.containsKey(tp)).toList());
            long written = 0;
            while (!remaining.isEmpty()) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long stop = remaining.get(tp);
                    if (stop == null || r.offset() >= stop) {
                        continue; // written after the recording started
                    }
                    writer.write(toRecord(r));
                    written++;
                }
                for (TopicPartition tp : Set.copyOf(remaining.keySet())) {
                    if (consumer.position(tp) >= remaining.get(tp)) {
                        remaining.remove(tp);
                        consumer.pause(List.of(tp));
                    }
                }
                // offsets held by transaction markers count towards the total but are no records
                progress.update(written, Math.max(total, written));
            }
            progress.finish(written, written);
            return new Result(written, progress.seconds());
        }
    }

    static ReplayRecord toRecord(ConsumerRecord<byte[], byte[]> r) {
        List<ReplayRecord.Header> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new ReplayRecord.Header(h.key(), h.value()));
        }
        return new ReplayRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), headers);
    }
}
