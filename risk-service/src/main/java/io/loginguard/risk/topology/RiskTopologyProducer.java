package io.loginguard.risk.topology;

import io.loginguard.risk.config.RiskConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** Hands the topology to Quarkus' Kafka Streams extension, which starts and supervises it. */
@ApplicationScoped
public class RiskTopologyProducer {
    private final RiskConfig config;

    RiskTopologyProducer(RiskConfig config) {
        this.config = config;
    }

    @Produces
    public Topology topology() {
        return RiskTopology.build(config.toSettings());
    }
}
