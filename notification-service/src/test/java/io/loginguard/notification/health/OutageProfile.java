package io.loginguard.notification.health;

import io.loginguard.notification.support.MailAndSmsResource;
import io.loginguard.testinfra.net.FaultProxy;
import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.quarkus.LoginguardTestResource;
import io.loginguard.testinfra.Settings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The service with PostgreSQL behind a FaultProxy, and retries slow enough for a mail server to come back. */
public class OutageProfile implements QuarkusTestProfile {
    static volatile FaultProxy postgres;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("loginguard.notification.retry.initial-backoff", "PT1S",
                "loginguard.notification.retry.max-backoff", "PT4S",
                "loginguard.notification.retry.max-attempts", "6");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LoginguardTestResource.class, Map.of("redis", "notification-outage")),
                new TestResourceEntry(MailAndSmsResource.class),
                new TestResourceEntry(ProxiedPostgres.class));
    }

    public static class ProxiedPostgres implements QuarkusTestResourceLifecycleManager {
        private TestDatabase database;

        @Override
        public Map<String, String> start() {
            database = PostgresServer.fromEnvironment().createDatabase("notification-outage");
            postgres = FaultProxy.start(Settings.get("LOGINGUARD_PG_HOST", "127.0.0.1"), Settings.getInt("LOGINGUARD_PG_PORT", 5432));
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database.name(),
                    "quarkus.datasource.username", database.user(),
                    "quarkus.datasource.password", database.password());
        }

        @Override
        public void stop() {
            postgres.close();
            database.close();
        }
    }
}
