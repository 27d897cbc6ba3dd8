package io.loginguard.e2e;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.redis.RedisServer;
import io.loginguard.testinfra.redis.TestKeyspace;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the browser tests talk to, once per test JVM: {@link Stack}'s risk, {@link TicketStack}'s ticket-service, a
 * third auth-service node (same database and Redis as the stack's two) that links to that ticket-service and takes
 * passkeys from its own origin ({@code http://localhost:<its port>}), and
 * notification-service sending to GreenMail, from whose inbox the tests read the codes a person would.
 */
final class BrowserStack {
    private static BrowserStack instance;

    final ServiceProcess auth;
    final ServiceProcess ticket;
    private final GreenMail mail;

    private BrowserStack(ServiceProcess auth, ServiceProcess ticket, GreenMail mail) {
        this.auth = auth;
        this.ticket = ticket;
        this.mail = mail;
    }

    static synchronized BrowserStack get() {
        if (instance == null) {
            try {
                instance = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static BrowserStack start() throws IOException {
        Stack stack = Stack.get();
        ServiceProcess ticket = TicketStack.ticket();
        int smtp = KafkaBroker.freePort();
        GreenMail mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        TestDatabase db = PostgresServer.fromEnvironment().createDatabase("e2e_browser_notification");
        TestKeyspace keys = RedisServer.fromEnvironment().newKeyspace("e2e-browser");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mail.stop();
            db.close();
            keys.close();
        }));
        ServiceProcess.start("notification-service", "notification-service-browser", Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", stack.kafka),
                Map.entry("quarkus.datasource.jdbc.url", db.jdbcUrl()),
                Map.entry("quarkus.datasource.username", db.user()),
                Map.entry("quarkus.datasource.password", db.password()),
                Map.entry("quarkus.redis.hosts", keys.uri()),
                Map.entry("loginguard.redis.key-prefix", keys.prefix()),
                Map.entry("quarkus.mailer.port", Integer.toString(smtp)),
                Map.entry("quarkus.rest-client.sms-gateway.url", "http://127.0.0.1:" + KafkaBroker.freePort()),
                Map.entry("loginguard.notification.sealing-keys.dev", Scenario.SEALING_KEY_BASE64),
                // groups of its own: another notification-service of this JVM's tests must not take its records
                Map.entry("mp.messaging.incoming.notification-requests.group.id", "e2e-browser-requests"),
                Map.entry("mp.messaging.incoming.auth-accounts.group.id", "e2e-browser-contacts"),
                Map.entry("mp.messaging.incoming.risk-decisions.group.id", "e2e-browser-decisions"),
                Map.entry("mp.messaging.incoming.auth-security-events.group.id", "e2e-browser-security")));
        Map<String, String> authConfig = new HashMap<>(stack.auth.get(0).config());
        authConfig.put("loginguard.auth.pages.ticket-base-url", ticket.url(""));
        authConfig.put("loginguard.auth.pages.secure-cookies", "false"); // plain http
        // passkeys are bound to the origin the browser sees: this node's own port on localhost (ServiceProcess.url)
        int authPort = KafkaBroker.freePort();
        authConfig.put("quarkus.http.port", Integer.toString(authPort));
        authConfig.put("loginguard.auth.passkeys.rp-id", "localhost");
        authConfig.put("loginguard.auth.passkeys.origins", "http://localhost:" + authPort);
        ServiceProcess auth = ServiceProcess.start("auth-service", "auth-service-browser", authConfig);
        return new BrowserStack(auth, ticket, mail);
    }

    /** The text of the first mail to the address whose subject contains the words, waiting up to a minute. */
    String awaitMail(String to, String subjectPart) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> inbox(to, subjectPart), Optional::isPresent).orElseThrow();
    }

    private Optional<String> inbox(String to, String subjectPart) throws Exception {
        List<String> found = new ArrayList<>();
        for (Message m : mail.getReceivedMessagesForDomain(to)) {
            if (m.getSubject().contains(subjectPart)) {
                found.add(text(m.getContent()));
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    private static String text(Object content) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i).getContent())).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }
}
