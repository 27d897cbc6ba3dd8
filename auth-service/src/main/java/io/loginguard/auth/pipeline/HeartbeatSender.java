package io.loginguard.auth.pipeline;

import io.loginguard.auth.admission.RiskProjection;
import io.loginguard.auth.config.AuthConfig;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.PipelineHeartbeat;
import io.loginguard.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Every tick: a heartbeat into one partition of auth.login-attempts (each partition in turn), the shared pipeline
 * view read into memory, and a check that auth's view of risk's state is whole. Risk answers each heartbeat on
 * risk.verdicts; the answers prove the whole loop works at a quiet hour too, and stop proving it within seconds
 * of a stall, which also ends by itself when the loop works again.
 */
@ApplicationScoped
public class HeartbeatSender {
    private static final Logger LOG = Logger.getLogger(HeartbeatSender.class);
    private static final String CHANNEL = "auth-login-attempts";
    private static final int PARTITION_REFRESH_TICKS = 60;

    private final KafkaClientService kafka;
    private final PipelineView view;
    private final RiskProjection projection;
    private final NodeIdentity node;
    private final Duration interval;
    /**
     * The system clock, not auth's injectable one: a heartbeat measures the real pipeline in real time. Tests stop the
     * injectable clock at other instants to try rules at their edges; a heartbeat stamped with such an instant an hour
     * ahead would raise the shared watermark an hour ahead (it only ever rises), and the gate would then give up every
     * attempt in flight on that partition at once instead of waiting for risk's verdict.
     */
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "pipeline-heartbeat"));
    private long tick;
    private int partitions;

    public HeartbeatSender(KafkaClientService kafka, PipelineView view, RiskProjection projection, NodeIdentity node,
                           AuthConfig config) {
        this.kafka = kafka;
        this.view = view;
        this.projection = projection;
        this.node = node;
        this.interval = config.pipeline().heartbeatInterval();
        this.partitions = view.partitions();
    }

    void start(@Observes StartupEvent event) {
        ticker.scheduleWithFixedDelay(this::tickSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }

    private volatile boolean tickFailing;

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // readiness reports the consequence; the cause is logged once per run of failures, with its trace
            if (!tickFailing) {
                LOG.warnf(e, "heartbeat tick failed (logged again only after a tick succeeds)");
            }
            tickFailing = true;
            tick++;
            return;
        }
        tickFailing = false;
        tick++;
    }

    private void tick() {
        KafkaProducer<String, byte[]> producer = kafka.getProducer(CHANNEL);
        if (producer != null) {
            if (tick % PARTITION_REFRESH_TICKS == 0) {
                refreshPartitions(producer);
            }
            if (tick == 0) {
                for (int p = 0; p < partitions; p++) {
                    send(producer, p); // at start, prove every partition at once: readiness needs them all
                }
            } else {
                send(producer, (int) (tick % partitions));
            }
        }
        view.refresh(partitions);
        projection.check();
    }

    private void refreshPartitions(KafkaProducer<String, byte[]> producer) {
        try {
            int n = producer.partitionsFor(Topics.LOGIN_ATTEMPTS).await().atMost(interval.multipliedBy(2)).size();
            if (n > 0) {
                partitions = n;
            }
        } catch (RuntimeException e) {
            LOG.debugf("could not read the partitions of %s: %s", Topics.LOGIN_ATTEMPTS, e.getMessage());
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, int partition) {
        PipelineHeartbeat heartbeat = new PipelineHeartbeat(UUID.randomUUID(), clock.instant(), node.id(), partition);
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, heartbeat);
        producer.send(new ProducerRecord<>(Topics.LOGIN_ATTEMPTS, partition, heartbeat.key(), EventJson.toBytes(heartbeat),
                headers)).subscribe().with(
                        sent -> { },
                        failure -> LOG.debugf("heartbeat to partition %d not sent: %s", partition, failure.getMessage()));
    }
}
