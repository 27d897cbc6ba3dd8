package io.loginguard.e2e;

import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * ticket-service as a packaged process beside {@link Stack}'s auth and risk, once per test JVM: a database of its own,
 * the same broker, codes sealed with the key the tests open them with. The 2-hour reactivation rule is configured down
 * to {@link #REACTIVATION_AFTER} seconds so a test can see both answers; its exact edges are ticket-service's own tests.
 */
public final class TicketStack {
    static final int REACTIVATION_AFTER = 8;
    static final String REVIEWER = "e2e-reviewer";
    static final String REVIEWER_PASSWORD = "e2e-reviewer-password-" + java.util.UUID.randomUUID();
    private static ServiceProcess ticket;

    private TicketStack() {
    }

    public static synchronized ServiceProcess ticket() {
        if (ticket == null) {
            Stack stack = Stack.get();
            try {
                TestDatabase db = PostgresServer.fromEnvironment().createDatabase("e2e_ticket");
                Runtime.getRuntime().addShutdownHook(new Thread(db::close));
                ticket = ServiceProcess.start("ticket-service", "ticket-service", Map.ofEntries(
                        Map.entry("kafka.bootstrap.servers", stack.kafka),
                        Map.entry("quarkus.datasource.jdbc.url", db.jdbcUrl()),
                        Map.entry("quarkus.datasource.username", db.user()),
                        Map.entry("quarkus.datasource.password", db.password()),
                        Map.entry("loginguard.ticket.sealing.key-id", "dev"),
                        Map.entry("loginguard.ticket.sealing.key", Scenario.SEALING_KEY_BASE64),
                        Map.entry("loginguard.ticket.uploads.encryption-key", Scenario.SECRETS_KEY_BASE64),
                        Map.entry("loginguard.ticket.reviewers.bootstrap-username", REVIEWER),
                        Map.entry("loginguard.ticket.reviewers.bootstrap-password", REVIEWER_PASSWORD),
                        Map.entry("loginguard.ticket.reactivation.not-before-after-freeze", "PT" + REACTIVATION_AFTER + "S")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ticket;
    }
}
