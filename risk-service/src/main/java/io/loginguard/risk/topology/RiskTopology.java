package io.loginguard.risk.topology;

import io.loginguard.events.JsonSerde;
import io.loginguard.events.TopicSpec;
import io.loginguard.events.Topics;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.engine.AccountEventPolicy;
import io.loginguard.risk.engine.RiskEngine;
import io.loginguard.risk.geo.CountryCentroids;
import io.loginguard.risk.ipthrottle.IpAttempt;
import io.loginguard.risk.ipthrottle.IpThrottle;
import io.loginguard.risk.ipthrottle.IpThrottleRule;
import io.loginguard.risk.ipthrottle.IpWindow;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

/**
 * The risk topology, built by a plain method from plain settings so the service, {@code TopologyTestDriver}
 * tests and replays all run the same code.
 *
 * <pre>
 * sub-topology "accounts" (task N reads partition N of every topic below)
 *   auth.login-attempts (String, byte[])
 *     -> login-attempts processor ─┐ [account-risk, ip-throttles]
 *   ticket.events, auth.security-events, auth.accounts (String, byte[])
 *     -> account-events processor ─┤ [account-risk]
 *          -> risk.verdicts, risk.account-state, risk.decisions   (JSON, CloudEvents headers)
 *          -> risk.verdicts                                      (PipelineHeartbeatEcho, for heartbeat:* keys)
 *          -> risk.dlq                                           (original bytes and headers + dead-letter headers)
 *          -> ip-attempts repartition (key: address)             (after the verdict; password stage only)
 *   ip-throttles repartition (every partition gets every throttle)
 *     -> ip-throttle notices processor [ip-throttles]
 * sub-topology "addresses"
 *   ip-attempts repartition -> ip-throttle processor [ip-windows]
 *          -> risk.decisions (IP_THROTTLED, key ip:address), ip-throttles repartition
 * </pre>
 *
 * The account processors share the stores, so Kafka Streams puts every input topic in one sub-topology: task N reads
 * partition N of each, which holds all of an account's records as long as every topic is keyed by the account id
 * and has the same partition count ({@link Topics}: 6). Within a task, Kafka Streams takes the buffered record
 * with the lowest timestamp next, so events of different topics interleave by record time (the producers set it to
 * the event's time), not by the order they were fetched in. The throttles come back through a repartition topic
 * with the same partition count, read by the same tasks; the verdict never waits for the address's task (README,
 * "IP throttling", has why).
 *
 * Values come in as bytes, not through a deserializing serde, so that a malformed record reaches a processor and
 * goes to the DLQ with its original bytes instead of stopping the stream thread. The graph is built with the DSL
 * only so that Kafka Streams creates and purges the two repartition topics itself; every node is named.
 */
public final class RiskTopology {
    /** Account side: each account's state and profile, and what its latest inputs emitted ({@link RiskEntry}). */
    public static final String ACCOUNT_STORE = "account-risk";
    /** Account side: the throttles the IP tasks sent, by address. */
    public static final String THROTTLE_STORE = "ip-throttles";
    /** IP side: each address's window and throttle, by address (what GET /api/v1/risk/ips/{ip} reads). */
    public static final String IP_STORE = "ip-windows";
    public static final String CONSUMER_NAME = "risk-service";
    /** Repartition topic names, prefixed by Kafka Streams with the application id and suffixed "-repartition". */
    public static final String IP_ATTEMPTS_REPARTITION = "ip-attempts";
    public static final String IP_THROTTLES_REPARTITION = "ip-throttles";

    static final String SOURCE = "login-attempts-source";
    static final String ACCOUNT_EVENTS_SOURCE = "account-events-source";
    static final String PROCESSOR = "login-attempts-processor";
    static final String ACCOUNT_EVENTS_PROCESSOR = "account-events-processor";
    static final String VERDICTS_SINK = "verdicts-sink";
    static final String ACCOUNT_STATE_SINK = "account-state-sink";
    static final String DECISIONS_SINK = "decisions-sink";
    static final String DLQ_SINK = "dlq-sink";
    static final String ECHO_SINK = "echo-sink";
    static final String ACCOUNT_EVENTS_STATE_SINK = "account-events-state-sink";
    static final String ACCOUNT_EVENTS_DECISIONS_SINK = "account-events-decisions-sink";
    static final String ACCOUNT_EVENTS_DLQ_SINK = "account-events-dlq-sink";
    static final String IP_ROUTE = "ip-route";
    static final String IP_PROCESSOR = "ip-throttle-processor";
    static final String IP_DECISIONS_SINK = "ip-decisions-sink";
    static final String THROTTLE_ROUTE = "ip-throttle-route";
    static final String THROTTLE_NOTICE_PROCESSOR = "ip-throttle-notices-processor";

    private RiskTopology() {
    }

    public static Topology build(RiskSettings settings) {
        return build(settings, CountryCentroids.shipped(), RiskMetrics.unregistered());
    }

    public static Topology build(RiskSettings settings, CountryCentroids centroids) {
        return build(settings, centroids, RiskMetrics.unregistered());
    }

    public static Topology build(RiskSettings settings, CountryCentroids centroids, RiskMetrics metrics) {
        RiskEngine engine = new RiskEngine(settings, centroids);
        AccountEventPolicy accountEvents = new AccountEventPolicy(settings.holds(), engine.lockout());
        IpThrottleRule ipRule = new IpThrottleRule(settings.ipThrottle());
        int partitions = Topics.find(Topics.LOGIN_ATTEMPTS).map(TopicSpec::partitions).orElse(6);

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCOUNT_STORE),
                Serdes.String(), JsonSerde.of(RiskEntry.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(THROTTLE_STORE),
                Serdes.String(), JsonSerde.of(IpThrottle.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(IP_STORE),
                Serdes.String(), JsonSerde.of(IpWindow.class)));

        Consumed<String, byte[]> raw = Consumed.with(Serdes.String(), Serdes.ByteArray());
        KStream<String, Object> attempts = builder.stream(Topics.LOGIN_ATTEMPTS, raw.withName(SOURCE))
                .process(() -> new LoginAttemptProcessor(settings, engine, metrics), Named.as(PROCESSOR),
                        ACCOUNT_STORE, THROTTLE_STORE);
        attempts.to(Topics.RISK_VERDICTS, json(VERDICTS_SINK));
        attempts.to(Topics.RISK_ACCOUNT_STATE, json(ACCOUNT_STATE_SINK));
        attempts.to(Topics.RISK_DECISIONS, json(DECISIONS_SINK));
        attempts.to(Topics.RISK_VERDICTS, json(ECHO_SINK));
        attempts.to(Topics.RISK_DLQ, bytes(DLQ_SINK));

        KStream<String, Object> events = builder.stream(
                        List.of(Topics.TICKET_EVENTS, Topics.SECURITY_EVENTS, Topics.ACCOUNTS),
                        raw.withName(ACCOUNT_EVENTS_SOURCE))
                .process(() -> new AccountEventProcessor(accountEvents, settings.rememberedAttempts(), metrics),
                        Named.as(ACCOUNT_EVENTS_PROCESSOR), ACCOUNT_STORE);
        events.to(Topics.RISK_ACCOUNT_STATE, json(ACCOUNT_EVENTS_STATE_SINK));
        events.to(Topics.RISK_DECISIONS, json(ACCOUNT_EVENTS_DECISIONS_SINK));
        events.to(Topics.RISK_DLQ, bytes(ACCOUNT_EVENTS_DLQ_SINK));

        KStream<String, Object> addresses = attempts
                .process(() -> new RouteProcessor<>(IpAttempt.class), Named.as(IP_ROUTE))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(IpAttempt.class))
                        .withName(IP_ATTEMPTS_REPARTITION).withNumberOfPartitions(partitions))
                .process(() -> new IpThrottleProcessor(ipRule, metrics), Named.as(IP_PROCESSOR), IP_STORE);
        addresses.to(Topics.RISK_DECISIONS, json(IP_DECISIONS_SINK));
        addresses.process(() -> new RouteProcessor<>(IpThrottle.class), Named.as(THROTTLE_ROUTE))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(IpThrottle.class))
                        .withName(IP_THROTTLES_REPARTITION).withNumberOfPartitions(partitions)
                        .withStreamPartitioner(new EveryPartition<>()))
                .process(() -> new IpThrottleNoticeProcessor(settings.ipThrottle().duration()),
                        Named.as(THROTTLE_NOTICE_PROCESSOR), THROTTLE_STORE);
        return builder.build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Produced<String, Object> json(String name) {
        return Produced.with(Serdes.String(), (Serde<Object>) (Serde) JsonSerde.of(Object.class)).withName(name);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Produced<String, Object> bytes(String name) {
        return Produced.with(Serdes.String(), (Serde<Object>) (Serde) Serdes.ByteArray()).withName(name);
    }

    /** A throttle goes to every account task: each partition of the throttles topic gets a copy. */
    static final class EveryPartition<V> implements StreamPartitioner<String, V> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
    }
}
