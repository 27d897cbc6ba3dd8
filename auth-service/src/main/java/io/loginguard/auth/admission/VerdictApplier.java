package io.loginguard.auth.admission;

import io.loginguard.auth.config.ConsumerProperties;
import io.loginguard.auth.login.LoginAttemptPublisher;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.DeadLetterHeaders;
import io.loginguard.events.TraceContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Reads {@code risk.verdicts} in auth's group ({@code loginguard-auth-verdicts}) on a thread of its own and applies
 * each record on that thread, in partition order ({@link VerdictConsumer#apply}): a verdict to the admission gate, a
 * heartbeat's echo to the pipeline view. Offsets are committed once their records are applied, so a verdict is
 * applied at least once (the gate ignores one it has already applied: versions). They are committed at most once per
 * {@code loginguard.consumer.risk-verdicts.commit-interval} (1 s), and at once before partitions go to another node
 * or the node stops: one commit per verdict was one more broker request per login (BENCHMARKS.md, "What a login
 * costs the broker"); a crash applies at most that interval again. A record that is not a verdict goes to
 * {@code auth.dlq}, with the dead-letter headers every service writes, before its offset is committed.
 *
 * <p>Not a SmallRye channel: the channel's way to a {@code @Blocking} method (its polling thread, the event loop, a
 * worker) made the verdict reach the gate about 7 ms later at the median than the same verdict reached the login
 * waiting for it through {@link io.loginguard.auth.login.VerdictWaiters}'s plain consumer (BENCHMARKS.md, "Verdict
 * latency"). Configuration, in the channel's shape: {@code loginguard.consumer.risk-verdicts.topic}, {@code .group.id},
 * {@code .dead-letter-queue.topic}, and any other key under the prefix is a Kafka consumer property.
 */
@ApplicationScoped
public class VerdictApplier {
    private static final Logger LOG = Logger.getLogger(VerdictApplier.class);
    static final String PREFIX = "loginguard.consumer.risk-verdicts.";
    private static final String CONSUMER_NAME = "auth-service";

    private final VerdictConsumer verdicts;
    private final KafkaClientService clients;
    private final Tracer tracer;
    private final Map<String, Object> kafka;
    private final String topic = setting("topic");
    private final String deadLetterTopic = setting("dead-letter-queue.topic");
    private final long commitIntervalNanos = ConfigProvider.getConfig()
            .getOptionalValue(PREFIX + "commit-interval", Duration.class).orElse(Duration.ofSeconds(1)).toNanos();
    private long committedAt = System.nanoTime();
    private final Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public VerdictApplier(VerdictConsumer verdicts, KafkaClientService clients, Tracer tracer,
                          @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.verdicts = verdicts;
        this.clients = clients;
        this.tracer = tracer;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "risk-verdicts");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                c.subscribe(List.of(topic), new CommitOnRevoke(c));
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                        if (!handle(record)) {
                            break; // stopping: this record was not applied, and its offset stays uncommitted
                        }
                        applied.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
                    if (System.nanoTime() - committedAt >= commitIntervalNanos) {
                        commit(c, false);
                    }
                }
                commit(c, true);
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                LOG.warnf("the verdict consumer failed, starting it again: %s", e.toString());
                applied.clear(); // not committed: read again and applied again, which the gate ignores
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /** Applies one record, or dead-letters it if it cannot be read. False only when stopping left it unapplied. */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        Span span = span(record);
        try (Scope scope = span == null ? null : span.makeCurrent()) {
            return verdicts.apply(record, () -> running);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException unreadable) {
            return deadLetter(record, unreadable);
        } finally {
            if (span != null) {
                span.end();
            }
        }
    }

    /**
     * A consumer span in the login's trace, for a record that carries one (risk copies the attempt's
     * {@code traceparent} to its verdict); none for a record without it, such as a heartbeat's echo.
     */
    private Span span(ConsumerRecord<String, byte[]> record) {
        String traceparent = CloudEventHeaders.read(record.headers(), CloudEventHeaders.TRACEPARENT).orElse(null);
        if (traceparent == null) {
            return null;
        }
        return tracer.spanBuilder(record.topic() + " process").setParent(TraceContext.parent(traceparent))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.operation", "process")
                .startSpan();
    }

    /** Sends the record to the DLQ, retrying until the broker acknowledges it (or auth stops). */
    private boolean deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException error) {
        LOG.warnf("record %s-%d@%d sent to %s: %s", record.topic(), record.partition(), record.offset(),
                deadLetterTopic, error.getMessage());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.write(headers, error, record.topic(), record.partition(), record.offset(), CONSUMER_NAME);
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(deadLetterTopic, null,
                record.key(), record.value(), headers);
        try {
            return VerdictConsumer.retry(() -> {
                send(dead);
                return true;
            }, "dead-lettering " + record.topic() + "-" + record.partition() + "@" + record.offset(), () -> running);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void send(ProducerRecord<String, byte[]> record) {
        io.smallrye.reactive.messaging.kafka.KafkaProducer<String, byte[]> channel =
                clients.getProducer(LoginAttemptPublisher.CHANNEL);
        if (channel == null) {
            throw new IllegalStateException("auth's producer is not started");
        }
        Producer<String, byte[]> producer = channel.unwrap();
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("the dead-letter topic did not acknowledge the record", e);
        }
    }

    private void commit(KafkaConsumer<String, byte[]> c, boolean sync) {
        if (applied.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(applied);
        applied.clear();
        committedAt = System.nanoTime();
        if (sync) {
            try {
                c.commitSync(offsets, Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warnf("committing the applied verdicts' offsets failed (they will be applied again): %s", e.toString());
            }
        } else {
            c.commitAsync(offsets, (done, error) -> {
                if (error != null) {
                    LOG.debugf("committing verdict offsets failed, a later commit covers them: %s", error.toString());
                }
            });
        }
    }

    /** Before partitions go to another node, what was applied from them is committed, so it is not applied twice. */
    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        CommitOnRevoke(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit(c, true);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    }

    private Properties consumerConfig() {
        return ConsumerProperties.of(kafka, PREFIX, Set.of("topic", "dead-letter-queue.", "commit-interval"));
    }

    private static String setting(String name) {
        return ConfigProvider.getConfig().getValue(PREFIX + name, String.class);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
