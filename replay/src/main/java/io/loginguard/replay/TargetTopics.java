package io.loginguard.replay;

import io.loginguard.events.TopicSpec;
import io.loginguard.events.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics {@link Player} writes to, before it writes: created where missing (catalogue settings for a catalogue
 * topic under the prefix), refused with fewer partitions than the recording, their retention compared with the
 * recording's age, and their end offsets.
 */
final class TargetTopics {
    /** How long a topic just created, or a leader moving, may keep a request from being answered. */
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private final Admin admin;
    private final String bootstrap;
    private final String prefix;
    private final PrintStream log;

    TargetTopics(Admin admin, String bootstrap, String prefix, PrintStream log) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.prefix = prefix;
        this.log = log;
    }

    void ensure(Map<TopicPartition, Long> counts) throws IOException {
        Map<String, Integer> needed = new TreeMap<>();
        counts.keySet().forEach(tp -> needed.merge(tp.topic(), tp.partition() + 1, Math::max));
        try {
            var existing = admin.listTopics().names().get();
            List<NewTopic> create = new ArrayList<>();
            for (Map.Entry<String, Integer> e : needed.entrySet()) {
                if (existing.contains(e.getKey())) {
                    TopicDescription d = admin.describeTopics(List.of(e.getKey())).allTopicNames().get().get(e.getKey());
                    if (d.partitions().size() < e.getValue()) {
                        throw new Player.Refused(e.getKey() + " has " + d.partitions().size() + " partitions, the recording "
                                + e.getValue() + ": its keys would not meet their accounts' other records");
                    }
                    continue;
                }
                // a topic of the catalogue (under the prefix) gets the catalogue's settings
                Optional<TopicSpec> spec = Topics.find(e.getKey().substring(prefix.length()));
                int partitions = Math.max(e.getValue(), spec.map(TopicSpec::partitions).orElse(1));
                NewTopic topic = new NewTopic(e.getKey(), Optional.of(partitions), Optional.empty());
                spec.ifPresent(s -> topic.configs(s.configs()));
                create.add(topic);
                log.println("creating topic " + e.getKey() + " (" + partitions + " partitions)");
            }
            if (!create.isEmpty()) {
                for (var created : admin.createTopics(create).values().entrySet()) {
                    try {
                        created.getValue().get();
                    } catch (ExecutionException e) {
                        // the admin client retries a create the controller answered late: the retry finds it made
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                awaitLeaders(create.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException e) {
            throw new IOException("reading or creating topics on " + bootstrap + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * A topic the controller has just created may not be known to the broker that answers the next request yet
     * (its metadata propagates): wait until every partition has a leader, so listing offsets and producing find it.
     */
    private void awaitLeaders(List<String> names) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
                if (described.values().stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null))) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IOException("waiting for the new topics on " + bootstrap + ": " + e.getCause().getMessage(), e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the new topics " + names + " on " + bootstrap + " have no leader after " + SETTLE);
            }
            Thread.sleep(100);
        }
    }

    /** A record older than its topic's retention is deleted by the broker soon after it is written: say so. */
    void warnAboutRetention(Map<String, Long> oldest) {
        try {
            List<ConfigResource> resources = oldest.keySet().stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            long now = System.currentTimeMillis();
            configs.forEach((resource, config) -> {
                ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
                ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
                if (retention == null || policy == null || !policy.value().contains("delete")) {
                    return;
                }
                long ms = Long.parseLong(retention.value());
                long age = now - oldest.get(resource.name());
                if (ms >= 0 && age > ms) {
                    log.println("warning: " + resource.name() + " keeps records " + Duration.ofMillis(ms).toDays()
                            + " days; the recording's oldest is " + Duration.ofMillis(age).toDays()
                            + " days old, so the broker may delete it right after it is written (generate with a "
                            + "later --start)");
                }
            });
        } catch (ExecutionException e) {
            log.println("warning: could not read the topics' retention: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Each partition's end offset; a retriable error (a leader moving, metadata not there yet) is retried. */
    Map<TopicPartition, Long> endOffsets(Map<TopicPartition, Long> counts) throws IOException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        counts.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        long deadline = System.nanoTime() + SETTLE.toNanos();
        try {
            while (true) {
                try {
                    Map<TopicPartition, Long> end = new HashMap<>();
                    admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
                    return end;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                        throw new IOException("reading end offsets: " + e.getCause().getMessage(), e);
                    }
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
