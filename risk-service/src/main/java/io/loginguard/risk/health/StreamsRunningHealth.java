package io.loginguard.risk.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the topology is RUNNING: the topics existing is not enough, since until the stream thread
 * has its partitions no verdict is produced and auth's gate is waiting on them.
 */
@Readiness
@ApplicationScoped
public class StreamsRunningHealth implements HealthCheck {
    private final KafkaStreams streams;

    public StreamsRunningHealth(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("kafka-streams-running")
                .status(state == KafkaStreams.State.RUNNING)
                .withData("state", state.name())
                .build();
    }
}
