package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loginguard.events.EventJson;
import io.loginguard.events.NotificationRequested;
import io.loginguard.events.SealedParams;
import io.loginguard.events.Topics;
import io.loginguard.testinfra.kafka.KafkaProbe;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;

/** ticket-service's API as the person and a reviewer use it, over HTTP, and the codes it mails read off the topic. */
public final class TicketClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceProcess ticket;
    private final String kafka;

    public TicketClient(ServiceProcess ticket, String kafka) {
        this.ticket = ticket;
        this.kafka = kafka;
    }

    public HttpResponse<String> askCodes(String email, String type) {
        return send(HttpRequest.newBuilder(URI.create(ticket.url("/api/v1/cases/email-codes")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"identifier\":\"" + email + "\",\"type\":\"" + type + "\"}")));
    }

    /** Opens a case: the text fields, then every document part with a small real image. */
    public HttpResponse<String> open(Map<String, String> fields, List<String> parts) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String part : parts) {
            files.put(part, jpeg(part.hashCode()));
        }
        String boundary = "lg-" + UUID.randomUUID();
        return send(HttpRequest.newBuilder(URI.create(ticket.url("/api/v1/cases")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fields, files))));
    }

    public String reviewerToken() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(ticket.url("/api/v1/review/login")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + TicketStack.REVIEWER + "\",\"password\":\""
                        + TicketStack.REVIEWER_PASSWORD + "\"}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Scenario.json(r.body()).get("token").asText();
    }

    public HttpResponse<String> review(String reviewerToken, String caseId, String step, String json) {
        return send(HttpRequest.newBuilder(URI.create(ticket.url("/api/v1/review/cases/" + caseId + "/" + step)))
                .header("Authorization", "Bearer " + reviewerToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "{}" : json)));
    }

    /** Waits for ticket-service's projection of auth.accounts to know the email (a code is sent then). */
    public String awaitEmailCode(String accountId, String email, String type) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            askCodes(email, type);
            return secretSentTo(accountId, email, "case-code");
        }, Optional::isPresent).orElseThrow().get("code");
    }

    /** The sealed values of the newest request of the template to the destination. */
    public Optional<Map<String, String>> secretSentTo(String accountId, String destination, String template) {
        try (KafkaProbe probe = new KafkaProbe(kafka)) {
            return probe.read(Topics.NOTIFICATION_REQUESTS, accountId).stream()
                    .map(rec -> EventJson.fromBytes(rec.value(), NotificationRequested.class))
                    .filter(n -> template.equals(n.template()) && destination.equals(n.destination()) && n.sealedParams() != null)
                    .max(Comparator.comparing(NotificationRequested::occurredAt))
                    .map(n -> SealedParams.open(n.sealedParams(), n.requestId().toString(), Map.of("dev", Scenario.SEALING_KEY)));
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] multipart(String boundary, Map<String, String> fields, Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n"));
        files.forEach((name, bytes) -> {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name
                    + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
            out.writeBytes(bytes);
            write(out, "\r\n");
        });
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] jpeg(int seed) {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(seed & 0xffffff));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.WHITE);
        g.drawString("ID " + seed, 20, 120);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
