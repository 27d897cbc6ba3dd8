package io.loginguard.risk.query;

import io.loginguard.risk.ipthrottle.IpWindow;
import io.loginguard.risk.topology.RiskEntry;
import io.loginguard.risk.topology.RiskTopology;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Interactive queries over the running topology's stores. An account lives on the instance that owns its partition;
 * when Kafka Streams says that is another instance (each sets {@code kafka-streams.application.server} to the
 * host:port it is reached at), the answer is where to ask instead.
 */
@ApplicationScoped
public class RiskAccountQuery {
    private final KafkaStreams streams;
    private final Optional<String> self;

    public RiskAccountQuery(KafkaStreams streams,
                            @ConfigProperty(name = "kafka-streams.application.server") Optional<String> self) {
        this.streams = streams;
        this.self = self.filter(s -> !s.isBlank());
    }

    /** The other instance that holds the account, if there is one and it is not this one. */
    public Optional<HostInfo> elsewhere(String accountKey) {
        return elsewhere(RiskTopology.ACCOUNT_STORE, accountKey);
    }

    /**
     * The other instance that holds the address's window. Addresses are partitioned by Kafka's default partitioner
     * on the address key (the ip-attempts repartition topic), which is what Kafka Streams computes here as well.
     */
    public Optional<HostInfo> elsewhereIp(String ipKey) {
        return elsewhere(RiskTopology.IP_STORE, ipKey);
    }

    /** The address's window from this instance's store; empty when it holds nothing about it. */
    public Optional<IpWindow> findIp(String ipKey) {
        return Optional.ofNullable(store(RiskTopology.IP_STORE, IpWindow.class).get(ipKey));
    }

    private Optional<HostInfo> elsewhere(String storeName, String key) {
        if (self.isEmpty()) {
            return Optional.empty();
        }
        KeyQueryMetadata where = streams.queryMetadataForKey(storeName, key,
                Serdes.String().serializer());
        if (where == null || where.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return Optional.empty();
        }
        HostInfo active = where.activeHost();
        return active.equals(HostInfo.buildFromEndpoint(self.get())) ? Optional.empty() : Optional.of(active);
    }

    /** The account's view from this instance's stores; empty when it holds nothing about the account. */
    public Optional<AccountRiskView> find(String accountKey) {
        if (!RiskEntry.isAccountKey(accountKey)) {
            return Optional.empty();
        }
        RiskEntry entry = store(RiskTopology.ACCOUNT_STORE, RiskEntry.class).get(accountKey);
        if (entry == null || entry.state() == null) {
            return Optional.empty();
        }
        return Optional.of(AccountRiskView.of(entry.state(), entry.profile()));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> type) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
