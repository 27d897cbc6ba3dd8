package io.loginguard.testinfra.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMS provider's HTTP gateway, for tests and the local stack: it keeps every message it accepts and sends none.
 * <ul>
 * <li>{@code POST /messages} with JSON {@code {"destination": "+E164", "text": "..."}}, the key in {@code X-Api-Key}
 * (checked when the simulator was given one) and an optional {@code Idempotency-Key}: answers 202 with
 * {@code {"id", "destination", "status": "ACCEPTED"}}; a repeated idempotency key is answered 200 with the first
 * message, and nothing new is kept.</li>
 * <li>{@code GET /messages?to=+E164} (or {@code ?key=<idempotency key>}, or neither for all): the kept messages as JSON.</li>
 * <li>Faults, for tests: {@code POST /control/fail?status=503&count=2} (count omitted: until reset),
 * {@code POST /control/delay?ms=2000[&to=+E164]}, {@code POST /control/reset}; {@code DELETE /messages} forgets.</li>
 * </ul>
 * Each request runs on its own thread, so a slow destination does not hold up the others.
 */
public final class SmsGatewaySimulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sms-simulator");
        t.setDaemon(true);
        return t;
    });
    private final String apiKey;
    private final List<SmsMessage> messages = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong posts = new AtomicLong();
    private final Faults faults = new Faults();

    private SmsGatewaySimulator(InetAddress host, int port, String apiKey) throws IOException {
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/messages", this::messages);
        server.createContext("/control", this::control);
        server.createContext("/health", ex -> reply(ex, 200, Map.of("status", "UP")));
        server.setExecutor(threads);
        server.start();
    }

    /** On a free port; any API key accepted. */
    public static SmsGatewaySimulator start() {
        return start(0, null);
    }

    /** On {@code port} (0: a free one); {@code apiKey} null accepts any key. */
    public static SmsGatewaySimulator start(int port, String apiKey) {
        return start(InetAddress.getLoopbackAddress(), port, apiKey);
    }

    /** On {@code host} (the loopback address unless a container must be reached from others) and {@code port}. */
    public static SmsGatewaySimulator start(InetAddress host, int port, String apiKey) {
        try {
            return new SmsGatewaySimulator(host, port, apiKey);
        } catch (IOException e) {
            throw new UncheckedIOException("the SMS simulator cannot listen on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Every kept message, oldest first. */
    public List<SmsMessage> messages() {
        return List.copyOf(messages);
    }

    public List<SmsMessage> messagesTo(String destination) {
        return messages.stream().filter(m -> m.destination().equals(destination)).toList();
    }

    /** How many sends were asked for, failed and repeated ones included. */
    public long sendRequests() {
        return posts.get();
    }

    /** The next {@code count} sends are answered {@code status} (a negative count: every send until {@link #reset()}). */
    public void failNext(int count, int status) {
        faults.fail(count, status);
    }

    /** Every send waits this long before its answer; with a destination, only sends to it. */
    public void delay(Duration delay, String destinationOrNull) {
        faults.delay(destinationOrNull, delay);
    }

    /** No faults, no delays; kept messages stay. */
    public void reset() {
        faults.reset();
    }

    public void clear() {
        messages.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void messages(HttpExchange ex) throws IOException {
        switch (ex.getRequestMethod()) {
            case "POST" -> send(ex);
            case "GET" -> {
                Map<String, String> q = query(ex);
                reply(ex, 200, messages.stream()
                        .filter(m -> !q.containsKey("to") || m.destination().equals(q.get("to")))
                        .filter(m -> !q.containsKey("key") || q.get("key").equals(m.idempotencyKey()))
                        .toList());
            }
            case "DELETE" -> {
                clear();
                reply(ex, 200, Map.of("deleted", true));
            }
            default -> reply(ex, 405, Map.of("error", "method not allowed"));
        }
    }

    private void send(HttpExchange ex) throws IOException {
        posts.incrementAndGet();
        if (apiKey != null && !apiKey.equals(ex.getRequestHeaders().getFirst("X-Api-Key"))) {
            reply(ex, 401, Map.of("error", "invalid API key"));
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(ex.getRequestBody());
        } catch (IOException e) {
            reply(ex, 400, Map.of("error", "body is not JSON"));
            return;
        }
        String destination = body.path("destination").asText("");
        String text = body.path("text").asText("");
        if (!destination.matches("\\+[1-9][0-9]{6,14}") || text.isEmpty()) {
            reply(ex, 400, Map.of("error", "destination must be E.164 and text must not be empty"));
            return;
        }
        faults.pause(destination);
        int failure = faults.nextFailure();
        if (failure > 0) {
            reply(ex, failure, Map.of("error", "simulated failure"));
            return;
        }
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        synchronized (messages) {
            if (key != null) {
                for (SmsMessage m : messages) {
                    if (key.equals(m.idempotencyKey())) {
                        reply(ex, 200, accepted(m));
                        return;
                    }
                }
            }
            SmsMessage m = new SmsMessage("sim-" + ids.incrementAndGet(), destination, text, Instant.now(), key);
            messages.add(m);
            reply(ex, 202, accepted(m));
        }
    }

    private void control(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        switch (ex.getRequestURI().getPath()) {
            case "/control/fail" -> failNext(Integer.parseInt(q.getOrDefault("count", "-1")), Integer.parseInt(q.getOrDefault("status", "503")));
            case "/control/delay" -> delay(Duration.ofMillis(Long.parseLong(q.getOrDefault("ms", "0"))), q.get("to"));
            case "/control/reset" -> reset();
            default -> {
                reply(ex, 404, Map.of("error", "unknown control"));
                return;
            }
        }
        reply(ex, 200, Map.of("ok", true));
    }

    private static Map<String, Object> accepted(SmsMessage m) {
        return Map.of("id", m.id(), "destination", m.destination(), "status", "ACCEPTED");
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void reply(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * {@code SmsGatewaySimulator [--port 8095] [--api-key KEY] [--host ADDRESS]}: the local stack's gateway, until
     * terminated. It listens on the loopback address unless {@code --host} says otherwise (docker-compose: 0.0.0.0).
     */
    public static void main(String[] args) throws InterruptedException, java.net.UnknownHostException {
        int port = 8095;
        String key = null;
        InetAddress host = InetAddress.getLoopbackAddress();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--api-key" -> key = args[i + 1];
                case "--host" -> host = InetAddress.getByName(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: SmsGatewaySimulator --port N [--api-key KEY] [--host ADDRESS]");
            }
        }
        SmsGatewaySimulator simulator = start(host, port, key);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "sms-simulator-stop"));
        System.out.println("LOGINGUARD-SMS READY " + simulator.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
