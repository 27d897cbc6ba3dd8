package io.loginguard.risk.topology;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.JsonSerde;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.Topics;
import io.loginguard.risk.config.IpThrottleSettings;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.engine.RiskEngine;
import io.loginguard.risk.geo.CountryCentroids;
import io.loginguard.risk.ipthrottle.IpThrottle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the account side's own work costs an attempt, without Kafka Streams' task loop or a broker around it: the
 * login-attempt processor over RocksDB stores (no changelog), its outputs serialized as the sinks would, on the
 * generated stream of {@link RiskTopologyGeneratedReplayTest} (IP throttling off, as in the replay bench). Reference,
 * in the same run: reading the attempts' JSON alone. {@link IpThrottleThroughputBench} runs the whole topology in a
 * TopologyTestDriver, which commits and writes a checkpoint file after every record: at this size it measures that.
 * Run with {@code ./mvnw -B -pl risk-service test -Dtest=ProcessorCostBench -Dloginguard.bench=true}
 * ({@code -Dloginguard.bench.attempts}, 200,000); numbers in BENCHMARKS.md.
 */
@EnabledIfSystemProperty(named = "loginguard.bench", matches = "true")
class ProcessorCostBench {
    static final int ATTEMPTS = Integer.getInteger("loginguard.bench.attempts", 200_000);

    @Test
    void anAttemptThroughTheProcessorAgainstReadingItsJson() throws Exception {
        List<LoginAttempted> stream = RiskTopologyGeneratedReplayTest.generate(ATTEMPTS, 7L);
        List<byte[]> values = stream.stream().map(EventJson::toBytes).toList();
        for (int round = 1; round <= 3; round++) {
            double parse = parseOnly(values);
            double processed = process(stream, values);
            System.out.printf("BENCH round %d: %d attempts, processor %.0f/s (%.1f us each), reading the attempt"
                            + " alone %.0f/s (%.1f us), processor/reading %.3f%n", round, stream.size(), processed,
                    1e6 / processed, parse, 1e6 / parse, processed / parse);
        }
    }

    private static double parseOnly(List<byte[]> values) {
        long start = System.nanoTime();
        long sequences = 0;
        for (byte[] value : values) {
            sequences += EventJson.fromBytes(value, LoginAttempted.class).sequence();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sequences <= 0) {
            throw new AssertionError("no attempt read");
        }
        return values.size() / seconds;
    }

    private static double process(List<LoginAttempted> stream, List<byte[]> values) throws Exception {
        RiskSettings settings = RiskSettings.defaults().withIpThrottle(IpThrottleSettings.disabled());
        Path dir = Files.createTempDirectory("risk-processor-bench");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "loginguard-risk-processor-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        MockProcessorContext<String, Object> context = new MockProcessorContext<>(props, new TaskId(0, 0), dir.toFile());
        KeyValueStore<String, RiskEntry> accounts = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RiskTopology.ACCOUNT_STORE), Serdes.String(),
                JsonSerde.of(RiskEntry.class)).withLoggingDisabled().build();
        KeyValueStore<String, IpThrottle> throttles = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RiskTopology.THROTTLE_STORE), Serdes.String(),
                JsonSerde.of(IpThrottle.class)).withLoggingDisabled().build();
        accounts.init(context.getStateStoreContext(), accounts);
        throttles.init(context.getStateStoreContext(), throttles);
        context.addStateStore(accounts);
        context.addStateStore(throttles);
        LoginAttemptProcessor processor = new LoginAttemptProcessor(settings,
                new RiskEngine(settings, CountryCentroids.shipped()), RiskMetrics.unregistered());
        processor.init(context);
        JsonSerde<Object> sink = JsonSerde.of(Object.class);
        long verdicts = 0;
        long start = System.nanoTime();
        try {
            for (int i = 0; i < stream.size(); i++) {
                LoginAttempted a = stream.get(i);
                RecordHeaders headers = new RecordHeaders();
                CloudEventHeaders.write(headers, a, null);
                context.setRecordMetadata(Topics.LOGIN_ATTEMPTS, 0, i);
                processor.process(new Record<>(a.accountKey(), values.get(i), a.occurredAt().toEpochMilli(), headers));
                for (MockProcessorContext.CapturedForward<? extends String, ?> out : context.forwarded()) {
                    sink.serialize("out", out.record().value());
                    if (RiskTopology.VERDICTS_SINK.equals(out.childName().orElse(null))) {
                        verdicts++;
                    }
                }
                context.resetForwards();
            }
        } finally {
            accounts.close();
            throttles.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (verdicts != stream.size()) {
            throw new AssertionError(verdicts + " verdicts for " + stream.size() + " attempts");
        }
        return stream.size() / seconds;
    }
}
