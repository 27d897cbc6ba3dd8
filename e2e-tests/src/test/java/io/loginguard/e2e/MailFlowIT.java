package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static io.loginguard.e2e.Scenario.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.SealedParams;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.redis.RedisServer;
import io.loginguard.testinfra.redis.TestKeyspace;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path a person walks, with the packaged notification-service beside auth and risk: register, read the
 * code from the inbox over IMAP (GreenMail, a real mail server), verify, then five wrong passwords bring exactly one
 * "account locked" email, from the do-not-reply sender.
 */
class MailFlowIT {
    private static final Pattern CODE = Pattern.compile("registration code is (\\d{6})");
    static Stack stack;
    static AuthClient auth;
    static GreenMail mail;
    static ServiceProcess notification;
    static TestDatabase db;
    static TestKeyspace keys;

    static Map<String, String> notificationConfig;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.get();
        auth = new AuthClient(stack.auth.get(0));
        int smtp = KafkaBroker.freePort();
        int imap = KafkaBroker.freePort();
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        db = PostgresServer.fromEnvironment().createDatabase("e2e_notification");
        keys = RedisServer.fromEnvironment().newKeyspace("e2e-notification");
        notificationConfig = Map.of(
                "kafka.bootstrap.servers", stack.kafka,
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password(),
                "quarkus.redis.hosts", keys.uri(),
                "loginguard.redis.key-prefix", keys.prefix(),
                "quarkus.mailer.port", Integer.toString(smtp),
                "quarkus.rest-client.sms-gateway.url", "http://127.0.0.1:" + KafkaBroker.freePort(),
                "loginguard.notification.sealing-keys.dev", Scenario.SEALING_KEY_BASE64);
        notification = ServiceProcess.start("notification-service", "notification-service", notificationConfig);
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
    void registerReadTheCodeOverImapVerifyLogInAndALockBringsOneEmail() throws Exception {
        String email = Scenario.freshEmail("mailflow");
        HttpResponse<String> registered = auth.register(email, PASSWORD);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);

        String code = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> inbox(email).stream().map(m -> CODE.matcher(m.text())).filter(Matcher::find)
                        .map(m -> m.group(1)).findFirst(), java.util.Optional::isPresent).orElseThrow();
        Mail first = inbox(email).get(0);
        assertThat(first.from()).isEqualTo("do-not-reply@loginguard.local");
        HttpResponse<String> verified = auth.verify(email, code);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);

        String accountId = Scenario.json(verified.body()).get("id").asText();
        HttpResponse<String> loggedIn = auth.login(email, PASSWORD);
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(201);
        assertThat(Scenario.json(loggedIn.body()).get("token").asText()).isNotBlank();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = auth.login(email, WRONG);
            if (wrong.statusCode() != 401) {
                try (io.loginguard.testinfra.kafka.KafkaProbe kafka = new io.loginguard.testinfra.kafka.KafkaProbe(stack.kafka)) {
                    Scenario.attempts(kafka, accountId).forEach(a -> System.out.println("ATTEMPT " + a));
                    Scenario.verdicts(kafka, accountId).forEach(v -> System.out.println("VERDICT " + v));
                }
            }
            assertThat(wrong.statusCode()).as("wrong password %d: %s", i + 1, wrong.body()).isEqualTo(401);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> inbox(email).stream().anyMatch(m -> m.subject().toLowerCase().contains("locked")));
        Thread.sleep(2_000); // a second alert for the same lock would have arrived by now
        assertThat(inbox(email).stream().filter(m -> m.subject().toLowerCase().contains("locked"))).hasSize(1);
    }

    @Test
    void killedBetweenTwoRequestsItResumesWithoutADuplicate() throws Exception {
        String to = Scenario.freshEmail("sigkill");
        try (KafkaProbe kafka = new KafkaProbe(stack.kafka)) {
            kafka.send(Topics.NOTIFICATION_REQUESTS, "acct-" + to, EventJson.toBytes(codeRequest(to, "111111")));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> inbox(to).size() == 1);

            notification.kill();
            kafka.send(Topics.NOTIFICATION_REQUESTS, "acct-" + to, EventJson.toBytes(codeRequest(to, "222222")));
            notification = ServiceProcess.start("notification-service", "notification-service-2", notificationConfig);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> inbox(to).size() >= 2);
            Thread.sleep(3_000); // a duplicate of the first would have come by now
            List<Mail> got = inbox(to);
            assertThat(got).hasSize(2);
            assertThat(got.get(0).text()).contains("111111");
            assertThat(got.get(1).text()).contains("222222");
        }
    }

    private static NotificationRequested codeRequest(String to, String code) {
        UUID requestId = UUID.randomUUID();
        return new NotificationRequested(UUID.randomUUID(), Instant.now(), "acct-" + to, requestId,
                NotificationRequested.Channel.EMAIL, to, "registration-code", "en", Map.of("validMinutes", "30"),
                SealedParams.seal(Map.of("code", code), requestId.toString(), "dev", Scenario.SEALING_KEY),
                Instant.now().plus(Duration.ofMinutes(30)));
    }

    record Mail(String from, String subject, String text) {
    }

    /** The address's inbox, read over IMAP as any mail client would (authentication is off: any password). */
    static List<Mail> inbox(String address) throws Exception {
        Properties props = new Properties();
        Session session = Session.getInstance(props);
        List<Mail> out = new ArrayList<>();
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", mail.getImap().getPort(), address, "any");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessages()) {
                out.add(new Mail(m.getFrom()[0].toString(), m.getSubject(), text(m.getContent())));
            }
            inbox.close(false);
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
