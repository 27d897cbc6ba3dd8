package io.loginguard.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.testinfra.sms.SmsGatewaySimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmsGatewaySimulatorTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private SmsGatewaySimulator sim;

    @BeforeEach
    void start() {
        sim = SmsGatewaySimulator.start(0, "key-1");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String sms(String to, String text) {
        return "{\"destination\":\"" + to + "\",\"text\":\"" + text + "\"}";
    }

    @Test
    void keepsWhatItAcceptsAndListsItByNumber() throws Exception {
        HttpResponse<String> r = post("/messages", sms("+8613800000001", "hello"), "X-Api-Key", "key-1");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).contains("\"status\":\"ACCEPTED\"").contains("\"id\":\"sim-1\"");
        post("/messages", sms("+8613800000002", "other"), "X-Api-Key", "key-1");
        assertThat(get("/messages?to=%2B8613800000001")).contains("hello").doesNotContain("other");
        assertThat(sim.messagesTo("+8613800000002")).hasSize(1);
    }

    @Test
    void refusesAWrongKeyAndABadNumber() throws Exception {
        assertThat(post("/messages", sms("+8613800000001", "x"), "X-Api-Key", "wrong").statusCode()).isEqualTo(401);
        assertThat(post("/messages", sms("0800", "x"), "X-Api-Key", "key-1").statusCode()).isEqualTo(400);
        assertThat(sim.messages()).isEmpty();
    }

    @Test
    void aRepeatedIdempotencyKeyIsAnsweredWithTheFirstMessage() throws Exception {
        HttpResponse<String> first = post("/messages", sms("+8613800000001", "a"), "X-Api-Key", "key-1", "Idempotency-Key", "r-1");
        HttpResponse<String> again = post("/messages", sms("+8613800000001", "a"), "X-Api-Key", "key-1", "Idempotency-Key", "r-1");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(sim.messages()).hasSize(1);
        assertThat(get("/messages?key=r-1")).contains("\"idempotencyKey\":\"r-1\"");
    }

    @Test
    void failsAsToldThenRecovers() throws Exception {
        sim.failNext(2, 503);
        assertThat(post("/messages", sms("+8613800000001", "a"), "X-Api-Key", "key-1").statusCode()).isEqualTo(503);
        assertThat(post("/messages", sms("+8613800000001", "a"), "X-Api-Key", "key-1").statusCode()).isEqualTo(503);
        assertThat(post("/messages", sms("+8613800000001", "a"), "X-Api-Key", "key-1").statusCode()).isEqualTo(202);
        assertThat(post("/control/fail?status=500", "").statusCode()).isEqualTo(200);
        assertThat(post("/messages", sms("+8613800000001", "b"), "X-Api-Key", "key-1").statusCode()).isEqualTo(500);
        post("/control/reset", "");
        assertThat(post("/messages", sms("+8613800000001", "b"), "X-Api-Key", "key-1").statusCode()).isEqualTo(202);
        assertThat(sim.sendRequests()).as("failed sends are counted too").isEqualTo(5);
    }

    @Test
    void aSlowDestinationDoesNotHoldUpAnother() throws Exception {
        sim.delay(Duration.ofSeconds(2), "+8613800000009");
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/messages", sms("+8613800000009", "slow"), "X-Api-Key", "key-1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long started = System.nanoTime();
        assertThat(post("/messages", sms("+8613800000001", "fast"), "X-Api-Key", "key-1").statusCode()).isEqualTo(202);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(slow.get().statusCode()).isEqualTo(202);
    }
}
