package io.loginguard.risk.topology;

import io.loginguard.risk.config.RiskConfig;
import io.loginguard.risk.geo.CountryCentroids;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** Hands the topology to Quarkus' Kafka Streams extension, which starts and supervises it. */
@ApplicationScoped
public class RiskTopologyProducer {
    private final RiskConfig config;
    private final MeterRegistry registry;

    RiskTopologyProducer(RiskConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Produces
    public Topology topology() {
        return RiskTopology.build(config.toSettings(), CountryCentroids.shipped(), new RiskMetrics(registry));
    }
}
