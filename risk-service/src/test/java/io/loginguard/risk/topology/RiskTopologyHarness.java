package io.loginguard.risk.topology;

import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.Topics;
import io.loginguard.risk.config.RiskSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.TopologyTestDriver;

/** One risk topology in a {@link TopologyTestDriver}, configured as the service runs it (at_least_once). */
final class RiskTopologyHarness {
    static final List<String> OUTPUT_TOPICS =
            List.of(Topics.RISK_VERDICTS, Topics.RISK_ACCOUNT_STATE, Topics.RISK_DECISIONS, Topics.RISK_DLQ);

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> attempts;
    private final java.util.Map<String, TestInputTopic<String, byte[]>> others = new java.util.HashMap<>();

    RiskTopologyHarness(RiskSettings settings, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "loginguard-risk-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(RiskTopology.build(settings), props);
        attempts = driver.createInputTopic(Topics.LOGIN_ATTEMPTS, new StringSerializer(), new ByteArraySerializer());
        for (String topic : List.of(Topics.TICKET_EVENTS, Topics.SECURITY_EVENTS, Topics.ACCOUNTS)) {
            others.put(topic, driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()));
        }
    }

    /** Sends an event that is not an attempt (ticket, security event, account snapshot) to its topic. */
    void sendEvent(String topic, io.loginguard.events.Event event) {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, event, null);
        sendRawEvent(topic, event.key(), EventJson.toBytes(event), headers, event.occurredAt());
    }

    void sendRawEvent(String topic, String key, byte[] value, Headers headers, Instant time) {
        others.get(topic).pipeInput(new TestRecord<>(key, value, headers, time));
    }

    TopologyTestDriver driver() {
        return driver;
    }

    /** Sends an attempt as auth does: JSON value, CloudEvents headers, record time = event time. */
    void send(LoginAttempted attempt, String traceparent) {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, attempt, traceparent);
        sendRaw(attempt.accountKey(), EventJson.toBytes(attempt), headers, attempt.occurredAt());
    }

    void sendRaw(String key, byte[] value, Headers headers, Instant time) {
        attempts.pipeInput(new TestRecord<>(key, value, headers, time));
    }

    TestOutputTopic<String, byte[]> verdicts() {
        return output(Topics.RISK_VERDICTS);
    }

    TestOutputTopic<String, byte[]> accountStates() {
        return output(Topics.RISK_ACCOUNT_STATE);
    }

    TestOutputTopic<String, byte[]> decisions() {
        return output(Topics.RISK_DECISIONS);
    }

    TestOutputTopic<String, byte[]> deadLetters() {
        return output(Topics.RISK_DLQ);
    }

    <T> List<T> values(TestOutputTopic<String, byte[]> topic, Class<T> type) {
        return topic.readValuesToList().stream().map(v -> EventJson.fromBytes(v, type)).toList();
    }

    /** Everything written to the output topics, byte for byte, as comparable text. */
    List<String> drainAllOutputs() {
        List<String> all = new ArrayList<>();
        for (String topic : OUTPUT_TOPICS) {
            for (TestRecord<String, byte[]> r : output(topic).readRecordsToList()) {
                all.add(topic + " key=" + r.key() + " ts=" + r.timestamp() + " headers=" + describe(r.headers())
                        + " value=" + (r.value() == null ? "null" : Base64.getEncoder().encodeToString(r.value())));
            }
        }
        return all;
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String describe(Headers headers) {
        StringBuilder text = new StringBuilder();
        for (Header h : headers) {
            text.append(h.key()).append('=')
                    .append(h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8)
                            .replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r"))
                    .append(';');
        }
        return text.toString();
    }
}
