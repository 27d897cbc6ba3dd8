package io.loginguard.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.TopicSpec;
import io.loginguard.kit.db.Transactions;
import io.loginguard.kit.outbox.SourceRecord.RecordHeader;
import io.loginguard.testinfra.junit.Infra;
import io.loginguard.testinfra.junit.LoginguardInfra;
import io.loginguard.testinfra.postgres.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** One relay batch from a real PostgreSQL table to a real broker. */
@LoginguardInfra
class JdbcOutboxTest {
    private static final long LOCK_ID = 0x4b49_5454L;
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private final String topic = "kit.outbox-test." + UUID.randomUUID();
    private Transactions tx;
    private PGSimpleDataSource dataSource;
    private OutboxProducer producer;
    private String bootstrap;

    @BeforeEach
    void servers(Infra infra) {
        TestDatabase db = infra.newDatabase("kit_outbox");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(db.jdbcUrl());
        dataSource.setUser(db.user());
        dataSource.setPassword(db.password());
        tx = new Transactions(dataSource);
        tx.run(c -> c.createStatement().execute("""
                CREATE TABLE outbox (id bigserial PRIMARY KEY, topic text NOT NULL, record_key text, value bytea,
                                     headers jsonb NOT NULL, traceparent text)"""));
        infra.kafka().createTopics(List.of(new TopicSpec(topic, 1, false, 3_600_000L, "the kit's relay test")));
        bootstrap = infra.kafkaBootstrap();
        producer = new OutboxProducer(Map.of("bootstrap.servers", bootstrap));
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void sendsTheOldestRowsInOrderWithTheirHeadersThenDeletesThem() {
        insert("a", "first", List.of(new RecordHeader("ce_type", bytes("x.one"))), TRACEPARENT);
        insert("b", "second", List.of(new RecordHeader("traceparent", bytes("00-own-01"))), TRACEPARENT);
        insert("a", "third", List.of(), null);
        insert("c", "fourth", List.of(), null);
        JdbcOutbox outbox = new JdbcOutbox(tx, LOCK_ID, 3, true);

        assertThat(outbox.relayBatch(producer)).isEqualTo(3);
        assertThat(outbox.relayBatch(producer)).isEqualTo(1);
        assertThat(outbox.relayBatch(producer)).isZero();

        List<ConsumerRecord<String, byte[]>> sent = readAll(4);
        assertThat(sent).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("first", "second", "third", "fourth");
        assertThat(sent).extracting(ConsumerRecord::key).containsExactly("a", "b", "a", "c");
        assertThat(header(sent.get(0), "ce_type")).isEqualTo("x.one");
        assertThat(header(sent.get(0), "traceparent")).isEqualTo(TRACEPARENT);
        assertThat(header(sent.get(1), "traceparent")).isEqualTo("00-own-01"); // a dead letter keeps its own
        assertThat(sent.get(2).headers().lastHeader("traceparent")).isNull();
        assertThat(rows()).isZero();
    }

    @Test
    void anotherRelayHoldingTheLockMeansThisOneSendsNothing() throws Exception {
        insert("a", "first", List.of(), null);
        JdbcOutbox outbox = new JdbcOutbox(tx, LOCK_ID, 10, true);
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, LOCK_ID);
                ps.execute();
            }

            assertThat(outbox.relayBatch(producer)).isZero();
            assertThat(rows()).isEqualTo(1);
            other.rollback();
        }
        assertThat(outbox.relayBatch(producer)).isEqualTo(1);
    }

    @Test
    void aTableWithoutTraceparentColumnIsRelayedToo() {
        tx.run(c -> c.createStatement().execute("ALTER TABLE outbox DROP COLUMN traceparent"));
        tx.run(c -> c.createStatement().execute(
                "INSERT INTO outbox (topic, record_key, value, headers) VALUES ('" + topic + "', 'k', 'v'::bytea, '[]')"));

        assertThat(new JdbcOutbox(tx, LOCK_ID, 10, false).relayBatch(producer)).isEqualTo(1);
        assertThat(readAll(1)).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("k"));
    }

    @Test
    void theStartedRelaySendsWhatItIsWokenUpForAndStops() {
        JdbcOutboxRelay relay = new JdbcOutboxRelay("kit-outbox-relay-test", new JdbcOutbox(tx, LOCK_ID, 2, true),
                Map.of("bootstrap.servers", bootstrap), Duration.ofMinutes(10));
        assertThatThrownBy(relay::relayBatch).isInstanceOf(IllegalStateException.class);
        relay.start();
        try {
            insert("a", "first", List.of(), null);
            insert("b", "second", List.of(), null);
            insert("c", "third", List.of(), null);
            relay.wakeUp(); // the poll interval is ten minutes: only the wake-up can have relayed them

            assertThat(readAll(3)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("first", "second", "third");
            await().atMost(Duration.ofSeconds(10)).until(() -> rows() == 0);
        } finally {
            relay.stop(Duration.ofSeconds(5));
        }
        assertThatThrownBy(relay::relayBatch).isInstanceOf(IllegalStateException.class);
    }

    private void insert(String key, String value, List<RecordHeader> headers, String traceparent) {
        tx.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO outbox (topic, record_key, value, headers, traceparent) VALUES (?, ?, ?, ?::jsonb, ?)")) {
                ps.setString(1, topic);
                ps.setString(2, key);
                ps.setBytes(3, bytes(value));
                ps.setString(4, HeaderCodec.toJson(headers));
                ps.setString(5, traceparent);
                ps.executeUpdate();
            }
        });
    }

    private int rows() {
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private List<ConsumerRecord<String, byte[]>> readAll(int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
