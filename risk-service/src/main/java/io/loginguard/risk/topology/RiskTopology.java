package io.loginguard.risk.topology;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.JsonSerde;
import io.loginguard.events.PipelineHeartbeatEcho;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.risk.config.RiskSettings;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The risk topology, built by a plain method from plain settings so the service, {@code TopologyTestDriver}
 * tests and replays all run the same code.
 *
 * <pre>
 * auth.login-attempts (String, byte[])
 *   -> login-attempts processor [account-risk-state]
 *        -> risk.verdicts, risk.account-state, risk.decisions   (JSON, CloudEvents headers)
 *        -> risk.verdicts                                      (PipelineHeartbeatEcho, for heartbeat:* keys)
 *        -> risk.dlq                                           (original bytes and headers + dead-letter headers)
 * </pre>
 *
 * Values come in as bytes, not through a deserializing serde, so that a malformed record reaches the
 * processor and goes to the DLQ with its original bytes instead of stopping the stream thread.
 */
public final class RiskTopology {
    public static final String STATE_STORE = "account-risk-state";
    public static final String CONSUMER_NAME = "risk-service";

    static final String SOURCE = "login-attempts-source";
    static final String PROCESSOR = "login-attempts-processor";
    static final String VERDICTS_SINK = "verdicts-sink";
    static final String ACCOUNT_STATE_SINK = "account-state-sink";
    static final String DECISIONS_SINK = "decisions-sink";
    static final String DLQ_SINK = "dlq-sink";
    static final String ECHO_SINK = "echo-sink";

    private RiskTopology() {
    }

    public static Topology build(RiskSettings settings) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.LOGIN_ATTEMPTS);
        topology.addProcessor(PROCESSOR,
                () -> new LoginAttemptProcessor(settings), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(), JsonSerde.of(AccountRiskState.class)),
                PROCESSOR);
        topology.addSink(VERDICTS_SINK, Topics.RISK_VERDICTS,
                new StringSerializer(), JsonSerde.of(RiskVerdict.class), PROCESSOR);
        topology.addSink(ACCOUNT_STATE_SINK, Topics.RISK_ACCOUNT_STATE,
                new StringSerializer(), JsonSerde.of(AccountRiskState.class), PROCESSOR);
        topology.addSink(DECISIONS_SINK, Topics.RISK_DECISIONS,
                new StringSerializer(), JsonSerde.of(RiskDecision.class), PROCESSOR);
        topology.addSink(ECHO_SINK, Topics.RISK_VERDICTS,
                new StringSerializer(), JsonSerde.of(PipelineHeartbeatEcho.class), PROCESSOR);
        topology.addSink(DLQ_SINK, Topics.RISK_DLQ, new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
        return topology;
    }
}
