package io.loginguard.e2e;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.redis.RedisServer;
import io.loginguard.testinfra.redis.TestKeyspace;
import io.loginguard.testinfra.sms.SmsGatewaySimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole system on a broker of its own, for scenarios that are recorded and replayed: risk-service (IP throttling
 * on, as deployed), one auth-service node that trusts 127.0.0.1 as the proxy naming the client's address in
 * {@code X-Forwarded-For} (so each scenario's people and attackers have addresses of their own), ticket-service
 * (reactivation allowed {@link #REACTIVATION_AFTER} seconds after a freeze), and notification-service sending to a
 * GreenMail SMTP server and test-infra's SMS gateway simulator. Databases and Redis prefixes are its own.
 *
 * <p>{@link #moveTo} stops the four services and starts them again, on their same databases and Redis, against
 * another broker: the stack that handled a recording meets it again when it is played there.
 */
final class ScenarioStack implements AutoCloseable {
    static final int REACTIVATION_AFTER = 3;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final String name;
    private final Map<String, Map<String, String>> configs = new HashMap<>();
    private final GreenMail mail;
    private final SmsGatewaySimulator sms;
    private final TestDatabase authDb;
    private KafkaBroker broker;
    private ServiceProcess risk;
    private ServiceProcess auth;
    private ServiceProcess ticket;
    private ServiceProcess notification;

    ScenarioStack(String name) throws IOException {
        this.name = name;
        broker = keep(KafkaBroker.startEphemeral().createCatalogueTopics());
        int smtp = KafkaBroker.freePort();
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        resources.add(mail::stop);
        sms = keep(SmsGatewaySimulator.start());
        authDb = keep(PostgresServer.fromEnvironment().createDatabase("e2e_" + name + "_auth"));
        TestKeyspace authKeys = keep(RedisServer.fromEnvironment().newKeyspace("e2e-" + name + "-auth"));
        TestDatabase ticketDb = keep(PostgresServer.fromEnvironment().createDatabase("e2e_" + name + "_ticket"));
        TestDatabase notificationDb = keep(PostgresServer.fromEnvironment().createDatabase("e2e_" + name + "_notification"));
        TestKeyspace notificationKeys = keep(RedisServer.fromEnvironment().newKeyspace("e2e-" + name + "-notification"));

        configs.put("auth-service", Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.url", authDb.jdbcUrl()),
                Map.entry("quarkus.datasource.username", authDb.user()),
                Map.entry("quarkus.datasource.password", authDb.password()),
                Map.entry("quarkus.redis.hosts", authKeys.uri()),
                Map.entry("loginguard.redis.key-prefix", authKeys.prefix()),
                Map.entry("loginguard.auth.identifier-hmac-key", "e2e-" + UUID.randomUUID()),
                Map.entry("loginguard.auth.sealing.key", Scenario.SEALING_KEY_BASE64),
                Map.entry("loginguard.auth.secrets.key", Scenario.SECRETS_KEY_BASE64),
                Map.entry("loginguard.auth.client.trusted-proxies", "127.0.0.1/32")));
        configs.put("ticket-service", Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.url", ticketDb.jdbcUrl()),
                Map.entry("quarkus.datasource.username", ticketDb.user()),
                Map.entry("quarkus.datasource.password", ticketDb.password()),
                Map.entry("loginguard.ticket.sealing.key-id", "dev"),
                Map.entry("loginguard.ticket.sealing.key", Scenario.SEALING_KEY_BASE64),
                Map.entry("loginguard.ticket.uploads.encryption-key", Scenario.SECRETS_KEY_BASE64),
                Map.entry("loginguard.ticket.reviewers.bootstrap-username", TicketStack.REVIEWER),
                Map.entry("loginguard.ticket.reviewers.bootstrap-password", TicketStack.REVIEWER_PASSWORD),
                Map.entry("loginguard.ticket.reactivation.not-before-after-freeze", "PT" + REACTIVATION_AFTER + "S")));
        configs.put("notification-service", Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.url", notificationDb.jdbcUrl()),
                Map.entry("quarkus.datasource.username", notificationDb.user()),
                Map.entry("quarkus.datasource.password", notificationDb.password()),
                Map.entry("quarkus.redis.hosts", notificationKeys.uri()),
                Map.entry("loginguard.redis.key-prefix", notificationKeys.prefix()),
                Map.entry("quarkus.mailer.port", Integer.toString(smtp)),
                Map.entry("quarkus.rest-client.sms-gateway.url", sms.baseUrl()),
                Map.entry("loginguard.notification.sealing-keys.dev", Scenario.SEALING_KEY_BASE64)));
        startServices(1);
    }

    /** risk-service's configuration on a broker: the deployed rules (IP throttling on), a state directory of its own. */
    static Map<String, String> riskConfig(String bootstrap) throws IOException {
        return Map.of("kafka.bootstrap.servers", bootstrap,
                "loginguard.risk.ip-throttle.enabled", "true",
                "loginguard.risk.state-dir", Files.createTempDirectory("e2e-scenario-risk").toString());
    }

    private void startServices(int generation) throws IOException {
        String kafka = broker.bootstrapServers();
        String suffix = name + "-" + generation;
        risk = ServiceProcess.start("risk-service", "risk-" + suffix, riskConfig(kafka));
        auth = ServiceProcess.start("auth-service", "auth-" + suffix, on(kafka, "auth-service"));
        ticket = ServiceProcess.start("ticket-service", "ticket-" + suffix, on(kafka, "ticket-service"));
        notification = ServiceProcess.start("notification-service", "notification-" + suffix,
                on(kafka, "notification-service"));
    }

    private Map<String, String> on(String kafka, String service) {
        Map<String, String> config = new HashMap<>(configs.get(service));
        config.put("kafka.bootstrap.servers", kafka);
        return config;
    }

    /**
     * Stops the services, lets {@code beforeStart} fill the new broker (e.g. {@code replay play}), then starts them
     * on it: auth, ticket and notification on the databases and Redis they had; risk on a fresh state directory, so
     * it decides again from the inputs on the new broker. The old broker is closed.
     */
    void moveTo(KafkaBroker next, Runnable beforeStart) throws IOException {
        stopServices();
        broker.close();
        resources.remove(broker);
        broker = keep(next);
        beforeStart.run();
        startServices(2);
    }

    String kafka() {
        return broker.bootstrapServers();
    }

    KafkaBroker broker() {
        return broker;
    }

    AuthClient auth() {
        return new AuthClient(auth);
    }

    ServiceProcess authProcess() {
        return auth;
    }

    ServiceProcess risk() {
        return risk;
    }

    TicketClient ticket() {
        return new TicketClient(ticket, broker.bootstrapServers());
    }

    GreenMail mail() {
        return mail;
    }

    SmsGatewaySimulator sms() {
        return sms;
    }

    /** auth-service's database (to read an account's row as auth keeps it). */
    TestDatabase authDatabase() {
        return authDb;
    }

    private void stopServices() {
        for (ServiceProcess p : new ServiceProcess[] {notification, ticket, auth, risk}) {
            if (p != null) {
                p.close();
            }
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        stopServices();
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("closing " + resources.get(i) + ": " + e);
            }
        }
    }
}
