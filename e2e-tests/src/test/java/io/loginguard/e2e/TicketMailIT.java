package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A case as the person lives it by email, with the packaged notification-service sending to a real mail server
 * (GreenMail): the case code arrives by mail, the case access key arrives by mail and opens the case, a reviewer's
 * request for more arrives with its words, and the decision arrives with its reason. Renders ticket's four templates
 * through notification for real.
 */
class TicketMailIT {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern KEY = Pattern.compile("\\b(lgc_[A-Za-z0-9_-]{20,})");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Stack stack;
    static AuthClient auth;
    static TicketClient ticket;
    static ServiceProcess ticketProcess;
    static GreenMail mail;
    static ServiceProcess notification;
    static TestDatabase db;
    static TestKeyspace keys;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.get();
        auth = new AuthClient(stack.auth.get(0));
        ticketProcess = TicketStack.ticket();
        ticket = new TicketClient(ticketProcess, stack.kafka);
        int smtp = KafkaBroker.freePort();
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        db = PostgresServer.fromEnvironment().createDatabase("e2e_ticket_mail");
        keys = RedisServer.fromEnvironment().newKeyspace("e2e-ticket-mail");
        notification = ServiceProcess.start("notification-service", "notification-service-ticket", Map.ofEntries(
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
                Map.entry("mp.messaging.incoming.notification-requests.group.id", "e2e-ticket-mail-requests"),
                Map.entry("mp.messaging.incoming.auth-accounts.group.id", "e2e-ticket-mail-contacts"),
                Map.entry("mp.messaging.incoming.risk-decisions.group.id", "e2e-ticket-mail-decisions"),
                Map.entry("mp.messaging.incoming.auth-security-events.group.id", "e2e-ticket-mail-security")));
    }

    @AfterAll
    static void stop() {
        if (notification != null) {
            notification.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (db != null) {
            db.close();
        }
        if (keys != null) {
            keys.close();
        }
    }

    @Test
    void thePersonFollowsTheirCaseByEmail() throws Exception {
        String email = Scenario.freshEmail("ticket-mail");
        String accountId = Scenario.registerAccount(auth, email);
        ticket.awaitEmailCode(accountId, email, "UNABLE_TO_LOG_IN"); // the projection knows the account: a code is on its way
        Mail codeMail = awaitMail(email, "support case code");
        Matcher code = CODE.matcher(codeMail.text());
        assertThat(code.find()).as(codeMail.text()).isTrue();

        HttpResponse<String> opened = ticket.open(Map.of("type", "UNABLE_TO_LOG_IN", "identifier", email,
                "code", code.group(1), "description", "Locked out after a trip"), List.of("idFront", "idBack", "selfie"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String caseId = Scenario.json(opened.body()).get("id").asText();

        Mail received = awaitMail(email, "was received");
        assertThat(received.text()).contains(caseId);
        Matcher key = KEY.matcher(received.text());
        assertThat(key.find()).as(received.text()).isTrue();
        HttpResponse<String> mine = HTTP.send(HttpRequest.newBuilder(URI.create(ticketProcess.url("/api/v1/cases/" + caseId)))
                .header("Authorization", "Bearer " + key.group(1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        assertThat(Scenario.json(mine.body()).get("status").asText()).isEqualTo("OPEN");

        String reviewer = ticket.reviewerToken();
        assertThat(ticket.review(reviewer, caseId, "request-info", "{\"message\":\"Please send the back of your ID again\"}")
                .statusCode()).isEqualTo(200);
        assertThat(awaitMail(email, "needs more from you").text()).contains("Please send the back of your ID again");

        assertThat(ticket.review(reviewer, caseId, "reject", "{\"reason\":\"The ID is not readable\"}").statusCode()).isEqualTo(200);
        Mail decided = awaitMail(email, "was decided");
        assertThat(decided.text()).contains("turned down").contains("The ID is not readable");
    }

    record Mail(String subject, String text) {
    }

    private static Mail awaitMail(String to, String subjectPart) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> inbox(to).stream().filter(m -> m.subject().contains(subjectPart)).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static List<Mail> inbox(String to) throws Exception {
        List<Mail> out = new ArrayList<>();
        for (Message m : mail.getReceivedMessagesForDomain(to)) {
            out.add(new Mail(m.getSubject(), text(m.getContent())));
        }
        return out;
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
