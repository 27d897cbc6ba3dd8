package io.loginguard.risk.topology;

import io.loginguard.events.AccountRiskState;
import io.loginguard.events.JsonSerde;
import io.loginguard.events.PipelineHeartbeatEcho;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.RiskVerdict;
import io.loginguard.events.Topics;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.engine.AccountEventPolicy;
import io.loginguard.risk.engine.RiskEngine;
import io.loginguard.risk.engine.RiskProfile;
import io.loginguard.risk.geo.CountryCentroids;
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
 *   -> login-attempts processor ─┐ [account-risk-state, account-risk-profile, attempt-verdicts]
 * ticket.events, auth.security-events, auth.accounts (String, byte[])
 *   -> account-events processor ─┤ [account-risk-state, account-risk-profile]
 *        -> risk.verdicts, risk.account-state, risk.decisions   (JSON, CloudEvents headers)
 *        -> risk.verdicts                                      (PipelineHeartbeatEcho, for heartbeat:* keys)
 *        -> risk.dlq                                           (original bytes and headers + dead-letter headers)
 * </pre>
 *
 * Both processors share the stores, so Kafka Streams puts every input topic in one sub-topology: task N reads
 * partition N of each, which holds all of an account's records as long as every topic is keyed by the account id
 * and has the same partition count ({@link Topics}: 6). Within a task, Kafka Streams takes the buffered record
 * with the lowest timestamp next, so events of different topics interleave by record time (the producers set it to
 * the event's time), not by the order they were fetched in.
 *
 * Values come in as bytes, not through a deserializing serde, so that a malformed record reaches a processor and
 * goes to the DLQ with its original bytes instead of stopping the stream thread.
 */
public final class RiskTopology {
    public static final String STATE_STORE = "account-risk-state";
    public static final String PROFILE_STORE = "account-risk-profile";
    public static final String VERDICT_STORE = "attempt-verdicts";
    public static final String CONSUMER_NAME = "risk-service";

    static final String SOURCE = "login-attempts-source";
    static final String ACCOUNT_EVENTS_SOURCE = "account-events-source";
    static final String PROCESSOR = "login-attempts-processor";
    static final String ACCOUNT_EVENTS_PROCESSOR = "account-events-processor";
    static final String VERDICTS_SINK = "verdicts-sink";
    static final String ACCOUNT_STATE_SINK = "account-state-sink";
    static final String DECISIONS_SINK = "decisions-sink";
    static final String DLQ_SINK = "dlq-sink";
    static final String ECHO_SINK = "echo-sink";

    private RiskTopology() {
    }

    public static Topology build(RiskSettings settings) {
        return build(settings, CountryCentroids.shipped());
    }

    public static Topology build(RiskSettings settings, CountryCentroids centroids) {
        RiskEngine engine = new RiskEngine(settings, centroids);
        AccountEventPolicy accountEvents = new AccountEventPolicy(settings.holds(), engine.lockout());
        Topology topology = new Topology();
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.LOGIN_ATTEMPTS);
        topology.addSource(ACCOUNT_EVENTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                Topics.TICKET_EVENTS, Topics.SECURITY_EVENTS, Topics.ACCOUNTS);
        topology.addProcessor(PROCESSOR, () -> new LoginAttemptProcessor(settings, engine), SOURCE);
        topology.addProcessor(ACCOUNT_EVENTS_PROCESSOR, () -> new AccountEventProcessor(accountEvents),
                ACCOUNT_EVENTS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(), JsonSerde.of(AccountRiskState.class)),
                PROCESSOR, ACCOUNT_EVENTS_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PROFILE_STORE), Serdes.String(), JsonSerde.of(RiskProfile.class)),
                PROCESSOR, ACCOUNT_EVENTS_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(VERDICT_STORE), Serdes.String(), JsonSerde.of(RiskVerdict.class)),
                PROCESSOR);
        String[] writers = {PROCESSOR, ACCOUNT_EVENTS_PROCESSOR};
        topology.addSink(VERDICTS_SINK, Topics.RISK_VERDICTS,
                new StringSerializer(), JsonSerde.of(RiskVerdict.class), PROCESSOR);
        topology.addSink(ACCOUNT_STATE_SINK, Topics.RISK_ACCOUNT_STATE,
                new StringSerializer(), JsonSerde.of(AccountRiskState.class), writers);
        topology.addSink(DECISIONS_SINK, Topics.RISK_DECISIONS,
                new StringSerializer(), JsonSerde.of(RiskDecision.class), writers);
        topology.addSink(ECHO_SINK, Topics.RISK_VERDICTS,
                new StringSerializer(), JsonSerde.of(PipelineHeartbeatEcho.class), PROCESSOR);
        topology.addSink(DLQ_SINK, Topics.RISK_DLQ, new StringSerializer(), new ByteArraySerializer(), writers);
        return topology;
    }
}
