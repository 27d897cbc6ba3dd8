package io.loginguard.risk.topology;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.Topics;
import io.loginguard.risk.config.IpThrottleSettings;
import io.loginguard.risk.config.RiskSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Attempts per second through the topology in a TopologyTestDriver, IP throttling on and off, same generated stream
 * (RiskTopologyGeneratedReplayTest's generator). at_least_once: under exactly_once_v2 the driver commits and fsyncs a
 * checkpoint after every record, which measures the disk, not the topology. Run with -Dloginguard.bench=true.
 */
@EnabledIfSystemProperty(named = "loginguard.bench", matches = "true")
class IpThrottleThroughputBench {
    static final int ATTEMPTS = Integer.getInteger("loginguard.bench.attempts", 5_000);

    @Test
    void throughputWithAndWithoutIpThrottling() throws Exception {
        List<LoginAttempted> stream = RiskTopologyGeneratedReplayTest.generate(ATTEMPTS, 7L);
        List<byte[]> values = stream.stream().map(EventJson::toBytes).toList();
        for (int round = 1; round <= 2; round++) {
            double off = run(RiskSettings.defaults().withIpThrottle(IpThrottleSettings.disabled()), stream, values);
            double on = run(RiskSettings.defaults(), stream, values);
            System.out.printf("BENCH round %d: %d attempts, throttling off %.0f/s, on %.0f/s, on/off %.2f%n",
                    round, stream.size(), off, on, on / off);
        }
    }

    private static double run(RiskSettings settings, List<LoginAttempted> stream, List<byte[]> values) throws Exception {
        Path dir = Files.createTempDirectory("risk-bench");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "loginguard-risk-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(RiskTopology.build(settings), props)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(Topics.LOGIN_ATTEMPTS, new StringSerializer(),
                    new ByteArraySerializer());
            long start = System.nanoTime();
            for (int i = 0; i < stream.size(); i++) {
                LoginAttempted a = stream.get(i);
                RecordHeaders headers = new RecordHeaders();
                CloudEventHeaders.write(headers, a, null);
                in.pipeInput(new TestRecord<>(a.accountKey(), values.get(i), headers, a.occurredAt()));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return stream.size() / seconds;
        }
    }
}
