package io.loginguard.e2e;

import static io.loginguard.e2e.Scenario.PASSWORD;
import static io.loginguard.e2e.Scenario.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.loginguard.e2e.OtlpReceiver.Received;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.RiskDecision;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaBroker;
import io.loginguard.testinfra.kafka.KafkaProbe;
import io.loginguard.testinfra.postgres.PostgresServer;
import io.loginguard.testinfra.postgres.TestDatabase;
import io.loginguard.testinfra.redis.RedisServer;
import io.loginguard.testinfra.redis.TestKeyspace;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace from auth's HTTP request to notification's send, across Kafka: auth and notification export their spans
 * (OTLP over HTTP, protobuf) to a receiver in this test; risk-service, which makes no spans, carries the traceparent
 * from the login attempt to its decision; ticket-service's case requests reach notification's send the same way
 * (its outbox keeps the traceparent). Each request the test makes names its own trace (a {@code traceparent} of
 * the test's), so the spans of that request are found by trace id and their parents followed back to the test.
 * Its own broker, database and Redis prefix; GreenMail as the SMTP server.
 */
class TraceIT {
    private static final Pattern CODE = Pattern.compile("registration code is (\\d{6})");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<AutoCloseable> running = new ArrayList<>();
    private static OtlpReceiver receiver;
    private static List<Received> spans;
    private static KafkaBroker broker;
    private static GreenMail mail;
    private static ServiceProcess auth;
    private static ServiceProcess ticket;

    @BeforeAll
    static void stack() throws IOException {
        receiver = keep(new OtlpReceiver());
        spans = receiver.spans;
        Map<String, String> tracing = receiver.serviceConfig();

        broker = keep(KafkaBroker.startEphemeral());
        broker.createCatalogueTopics();
        int smtp = KafkaBroker.freePort();
        mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        running.add(mail::stop);

        TestDatabase authDb = keep(PostgresServer.fromEnvironment().createDatabase("e2e_trace_auth"));
        TestKeyspace authKeys = keep(RedisServer.fromEnvironment().newKeyspace("e2e-trace-auth"));
        TestDatabase notificationDb = keep(PostgresServer.fromEnvironment().createDatabase("e2e_trace_notification"));
        TestKeyspace notificationKeys = keep(RedisServer.fromEnvironment().newKeyspace("e2e-trace-notification"));

        keep(ServiceProcess.start("risk-service", "trace-risk", Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "loginguard.risk.ip-throttle.enabled", "false",
                "loginguard.risk.state-dir", Files.createTempDirectory("e2e-trace-risk").toString())));
        Map<String, String> authConfig = new java.util.HashMap<>(tracing);
        authConfig.putAll(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", authDb.jdbcUrl(),
                "quarkus.datasource.username", authDb.user(),
                "quarkus.datasource.password", authDb.password(),
                "quarkus.redis.hosts", authKeys.uri(),
                "loginguard.redis.key-prefix", authKeys.prefix(),
                "loginguard.auth.identifier-hmac-key", "e2e-" + UUID.randomUUID(),
                "loginguard.auth.sealing.key", Scenario.SEALING_KEY_BASE64,
                "loginguard.auth.secrets.key", Scenario.SECRETS_KEY_BASE64));
        auth = keep(ServiceProcess.start("auth-service", "trace-auth", authConfig));
        Map<String, String> notificationConfig = new java.util.HashMap<>(tracing);
        notificationConfig.putAll(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", notificationDb.jdbcUrl(),
                "quarkus.datasource.username", notificationDb.user(),
                "quarkus.datasource.password", notificationDb.password(),
                "quarkus.redis.hosts", notificationKeys.uri(),
                "loginguard.redis.key-prefix", notificationKeys.prefix(),
                "quarkus.mailer.port", Integer.toString(smtp),
                "quarkus.rest-client.sms-gateway.url", "http://127.0.0.1:" + KafkaBroker.freePort(),
                "loginguard.notification.sealing-keys.dev", Scenario.SEALING_KEY_BASE64));
        keep(ServiceProcess.start("notification-service", "trace-notification", notificationConfig));
        TestDatabase ticketDb = keep(PostgresServer.fromEnvironment().createDatabase("e2e_trace_ticket"));
        Map<String, String> ticketConfig = new java.util.HashMap<>(tracing);
        ticketConfig.putAll(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", ticketDb.jdbcUrl(),
                "quarkus.datasource.username", ticketDb.user(),
                "quarkus.datasource.password", ticketDb.password(),
                "loginguard.ticket.sealing.key-id", "dev",
                "loginguard.ticket.sealing.key", Scenario.SEALING_KEY_BASE64,
                "loginguard.ticket.uploads.encryption-key", Scenario.SECRETS_KEY_BASE64,
                "loginguard.ticket.reviewers.bootstrap-username", "trace-reviewer",
                "loginguard.ticket.reviewers.bootstrap-password", "trace-" + UUID.randomUUID()));
        ticket = keep(ServiceProcess.start("ticket-service", "trace-ticket", ticketConfig));
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void oneTraceFromAuthsRequestThroughRiskToNotificationsSend() throws Exception {
        String email = Scenario.freshEmail("trace");

        // registration: HTTP request at auth -> outbox row -> notification.requests -> the code's email
        Traced register = post("/api/v1/accounts", credentials(email, PASSWORD));
        assertThat(register.response.statusCode()).as(register.response.body()).isEqualTo(202);
        String code = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> inbox(email).stream().map(m -> CODE.matcher(m.text())).filter(Matcher::find).map(m -> m.group(1)).findFirst(),
                        Optional::isPresent).orElseThrow();
        Received codeSend = awaitSpan(register.traceId, "notification-service", "send email");
        assertThat(attribute(codeSend.span(), "loginguard.notification.template")).isEqualTo("registration-code");
        Received authRequest = pathToAuthsRequest(codeSend, register);
        assertThat(attribute(authRequest.span(), "http.route")).isEqualTo("/api/v1/accounts");

        HttpResponse<String> verified = HTTP.send(request("/api/v1/accounts/verification",
                "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}", null), HttpResponse.BodyHandlers.ofString());
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        String accountId = Scenario.json(verified.body()).get("id").asText();

        // five wrong passwords, each its own trace: the one that locks goes login -> auth.login-attempts -> risk ->
        // risk.decisions (LOCKED, the traceparent copied) -> notification -> the "account locked" email
        List<Traced> logins = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Traced wrong = post("/api/v1/sessions", credentials(email, WRONG));
            assertThat(wrong.response.statusCode()).as(wrong.response.body()).isEqualTo(401);
            logins.add(wrong);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> inbox(email).stream().anyMatch(m -> m.subject().toLowerCase().contains("locked")));

        ConsumerRecord<String, byte[]> lock;
        try (KafkaProbe kafka = new KafkaProbe(broker.bootstrapServers())) {
            lock = await().atMost(Duration.ofSeconds(30)).until(() -> kafka.read(Topics.RISK_DECISIONS, accountId).stream()
                    .filter(r -> EventJson.fromBytes(r.value(), RiskDecision.class).type() == RiskDecision.Type.LOCKED)
                    .findFirst(), Optional::isPresent).orElseThrow();
        }
        String decisionTrace = traceIdOf(CloudEventHeaders.read(lock.headers(), CloudEventHeaders.TRACEPARENT)
                .orElseThrow(() -> new AssertionError("risk's LOCKED decision carries no traceparent")));
        Traced locking = logins.stream().filter(l -> l.traceId.equals(decisionTrace)).findFirst()
                .orElseThrow(() -> new AssertionError("the decision's trace " + decisionTrace + " is none of the logins'"));

        Received lockSend = awaitSpan(locking.traceId, "notification-service", "send email");
        assertThat(attribute(lockSend.span(), "loginguard.notification.template")).isEqualTo("account-locked");
        assertThat(attribute(lockSend.span(), "loginguard.notification.result")).isEqualTo("SENT");
        Received loginRequest = pathToAuthsRequest(lockSend, locking);
        assertThat(attribute(loginRequest.span(), "http.route")).isEqualTo("/api/v1/sessions");
        // notification's consumer of risk.decisions joined the same trace: the header came through risk
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.stream().anyMatch(s -> s.traceId().equals(locking.traceId)
                && s.service().equals("notification-service") && s.span().getKind() == Span.SpanKind.SPAN_KIND_CONSUMER));
        // and auth's own consumer of risk.verdicts (VerdictApplier) applied the verdict in it
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.stream().anyMatch(s -> s.traceId().equals(locking.traceId)
                && s.service().equals("auth-service") && s.span().getKind() == Span.SpanKind.SPAN_KIND_CONSUMER
                && s.span().getName().equals(Topics.RISK_VERDICTS + " process")));

        // no secret in any span: not the password, the wrong one, the code, nor the address
        for (Received s : spans) {
            for (KeyValue kv : s.span().getAttributesList()) {
                String value = kv.getValue().toString();
                assertThat(value).as("%s %s: %s", s.service(), s.span().getName(), kv.getKey())
                        .doesNotContain(PASSWORD).doesNotContain(WRONG).doesNotContain(code).doesNotContain(email);
            }
        }
    }

    /**
     * A case's request at ticket-service: outbox row (its traceparent kept) -> notification.requests -> the case code's
     * email, one trace from ticket's request to notification's send.
     */
    @Test
    void oneTraceFromTicketsRequestToNotificationsSend() throws Exception {
        String email = Scenario.freshEmail("trace-ticket");
        Traced register = post("/api/v1/accounts", credentials(email, PASSWORD));
        assertThat(register.response.statusCode()).as(register.response.body()).isEqualTo(202);
        String code = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> inbox(email).stream().map(m -> CODE.matcher(m.text())).filter(Matcher::find).map(m -> m.group(1)).findFirst(),
                        Optional::isPresent).orElseThrow();
        HttpResponse<String> verified = HTTP.send(request("/api/v1/accounts/verification",
                "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}", null), HttpResponse.BodyHandlers.ofString());
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        String accountId = Scenario.json(verified.body()).get("id").asText();

        // ticket sends a code once its projection of auth.accounts knows the address: ask, each time in a trace of ours
        List<Traced> asks = new CopyOnWriteArrayList<>();
        ConsumerRecord<String, byte[]> request;
        try (KafkaProbe kafka = new KafkaProbe(broker.bootstrapServers())) {
            request = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Traced ask = post(ticket, "/api/v1/cases/email-codes",
                        "{\"identifier\":\"" + email + "\",\"type\":\"UNABLE_TO_LOG_IN\"}");
                assertThat(ask.response.statusCode()).as(ask.response.body()).isEqualTo(202);
                asks.add(ask);
                return kafka.read(Topics.NOTIFICATION_REQUESTS, accountId).stream()
                        .filter(r -> "case-code".equals(EventJson.fromBytes(r.value(), NotificationRequested.class).template()))
                        .findFirst();
            }, Optional::isPresent).orElseThrow();
        }
        String requestTrace = traceIdOf(CloudEventHeaders.read(request.headers(), CloudEventHeaders.TRACEPARENT)
                .orElseThrow(() -> new AssertionError("ticket's notification request carries no traceparent")));
        Traced asked = asks.stream().filter(a -> a.traceId.equals(requestTrace)).findFirst()
                .orElseThrow(() -> new AssertionError("the request's trace " + requestTrace + " is none of the asks'"));

        Received send = awaitSpan(asked.traceId, "notification-service", "send email");
        assertThat(attribute(send.span(), "loginguard.notification.template")).isEqualTo("case-code");
        Received ticketRequest = pathToRequest(send, asked, "ticket-service");
        assertThat(attribute(ticketRequest.span(), "http.route")).isEqualTo("/api/v1/cases/email-codes");
        for (Received s : spans) {
            if (s.service().equals("ticket-service")) {
                assertThat(s.span().getAttributesList()).extracting(kv -> kv.getValue().toString()).as(s.span().getName())
                        .noneMatch(v -> v.contains(email));
            }
        }
    }

    @Test
    void aSecretInTheQueryNeverReachesASpan() throws Exception {
        String token = "tok" + randomHex(16);
        String traceId = randomHex(16);
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(auth.url("/reset-password?token=" + token)))
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01").timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isLessThan(500);
        Received request = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> spans.stream()
                .filter(s -> s.traceId().equals(traceId) && s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(request.span().getAttributesList()).extracting(kv -> kv.getValue().toString()).noneMatch(v -> v.contains(token));
        assertThat(attribute(request.span(), "url.query")).isEqualTo("token=REDACTED");
    }

    /**
     * From a span, its parents one by one (each one received) back to auth's server span for the request, whose parent
     * is the test's own span: the trace has no hole between the request and the send.
     */
    private static Received pathToAuthsRequest(Received from, Traced request) {
        return pathToRequest(from, request, "auth-service");
    }

    /** As {@link #pathToAuthsRequest}, back to the server span of the given service. */
    private static Received pathToRequest(Received from, Traced request, String service) {
        Received at = from;
        for (int hops = 0; hops < 20; hops++) {
            if (at.service().equals(service) && at.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER) {
                assertThat(at.parentId()).as("%s's request span's parent is the caller's", service).isEqualTo(request.spanId);
                return at;
            }
            assertThat(at.parentId()).as("%s %s has a parent", at.service(), at.span().getName()).isNotEmpty();
            at = receiver.awaitSpanById(request.traceId, at.parentId(), at.service() + " " + at.span().getName());
        }
        throw new AssertionError("no " + service + " request span within 20 parents of " + from.span().getName());
    }

    private static Received awaitSpan(String traceId, String service, String name) {
        return receiver.awaitSpan(traceId, service, name);
    }

    private static String attribute(Span span, String key) {
        return OtlpReceiver.attribute(span, key);
    }

    private static Traced post(String path, String json) throws Exception {
        return post(auth, path, json);
    }

    private static Traced post(ServiceProcess to, String path, String json) throws Exception {
        String traceId = randomHex(16);
        String spanId = randomHex(8);
        HttpResponse<String> r = HTTP.send(request(to, path, json, "00-" + traceId + "-" + spanId + "-01"),
                HttpResponse.BodyHandlers.ofString());
        return new Traced(traceId, spanId, r);
    }

    private static HttpRequest request(String path, String json, String traceparent) {
        return request(auth, path, json, traceparent);
    }

    private static HttpRequest request(ServiceProcess to, String path, String json, String traceparent) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(to.url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (traceparent != null) {
            b.header("traceparent", traceparent);
        }
        return b.build();
    }

    private static String traceIdOf(String traceparent) {
        return traceparent.split("-")[1];
    }

    private record Mail(String subject, String text) {
    }

    /** The mail GreenMail received for the address: subject and text (every part). */
    private static List<Mail> inbox(String address) throws Exception {
        List<Mail> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (java.util.Arrays.toString(m.getAllRecipients()).contains(address)) {
                out.add(new Mail(m.getSubject(), text(m.getContent())));
            }
        }
        return out;
    }

    private static String text(Object content) throws Exception {
        if (content instanceof jakarta.mail.internet.MimeMultipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i).getContent())).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }

    private record Traced(String traceId, String spanId, HttpResponse<String> response) {
    }
}
