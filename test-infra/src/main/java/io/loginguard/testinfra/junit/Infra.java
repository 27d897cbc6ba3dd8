package io.loginguard.testinfra.junit;

import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.kafka.SharedKafka;
import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.redis.RedisServer;
import io.loginguard.testinfra.redis.TestKeyspace;
import java.util.ArrayList;
import java.util.List;

/** The servers of one test class; what it creates is removed when the class is done. */
public final class Infra implements AutoCloseable {
    private final List<AutoCloseable> created = new ArrayList<>();

    public KafkaBroker kafka() {
        return SharedKafka.get();
    }

    public String kafkaBootstrap() {
        return SharedKafka.bootstrapServers();
    }

    public synchronized TestDatabase newDatabase(String purpose) {
        TestDatabase db = PostgresServer.fromEnvironment().createDatabase(purpose);
        created.add(db);
        return db;
    }

    public synchronized TestKeyspace newRedisKeyspace(String purpose) {
        TestKeyspace ks = RedisServer.fromEnvironment().newKeyspace(purpose);
        created.add(ks);
        return ks;
    }

    @Override
    public synchronized void close() throws Exception {
        Exception first = null;
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                created.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        created.clear();
        if (first != null) {
            throw first;
        }
    }
}
