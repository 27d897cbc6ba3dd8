package io.loginguard.events;

import java.util.Map;

/**
 * One topic and the settings it is created with. {@code replicationFactor} is the production figure;
 * a single-broker stack creates topics with 1.
 */
public record TopicSpec(String name, int partitions, boolean compacted, long retentionMs, String description) {

    public static final int DEFAULT_REPLICATION = 3;
    public static final int MIN_IN_SYNC_REPLICAS = 2;

    /** Topic-level configs (as for {@code kafka-topics --config} or a Strimzi KafkaTopic). */
    public Map<String, String> configs() {
        if (compacted) {
            return Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000");
        }
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retentionMs));
    }
}
