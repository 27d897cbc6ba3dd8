package io.loginguard.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Talks to an auth-service node over HTTP, as a browser or app would. */
public final class AuthClient {
    private static final Pattern SAMPLE = Pattern.compile("^loginguard_password_checks_total\\{[^}]*}\\s+([0-9.eE+-]+)", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ServiceProcess node;

    public AuthClient(ServiceProcess node) {
        this.node = node;
    }

    public HttpResponse<String> register(String email, String password) {
        return send(post("/api/v1/accounts", credentials(email, password)));
    }

    public HttpResponse<String> verify(String email, String code) {
        return send(post("/api/v1/accounts/verification", "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}"));
    }

    /** A POST with a JSON body and, if given, a bearer session token. */
    public HttpResponse<String> post(String path, String json, String bearerOrNull) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url(path)))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearerOrNull != null) {
            b.header("Authorization", "Bearer " + bearerOrNull);
        }
        return send(b.build());
    }

    /** A login from a named device ({@code X-Device-Id}). */
    public HttpResponse<String> loginOn(String email, String password, String device) {
        return send(HttpRequest.newBuilder(URI.create(node.url("/api/v1/sessions")))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("X-Device-Id", device)
                .POST(HttpRequest.BodyPublishers.ofString(credentials(email, password))).build());
    }

    /**
     * A login as the edge forwards it: the client's address in {@code X-Forwarded-For} (the node must trust
     * 127.0.0.1 as a proxy), a device id and, if given, the country the edge located the address in.
     */
    public HttpResponse<String> loginFrom(String email, String password, String address, String device, String country) {
        return loginFrom(email, password, address, device, country, null);
    }

    /** As above, with the place the edge located the address at ({@code latitude, longitude}), if given. */
    public HttpResponse<String> loginFrom(String email, String password, String address, String device, String country,
                                          double[] place) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url("/api/v1/sessions")))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("X-Forwarded-For", address).header("X-Device-Id", device)
                .POST(HttpRequest.BodyPublishers.ofString(credentials(email, password)));
        if (country != null) {
            b.header("X-Client-Country", country);
        }
        if (place != null) {
            b.header("X-Client-Latitude", Double.toString(place[0])).header("X-Client-Longitude", Double.toString(place[1]));
        }
        return send(b.build());
    }

    /** A GET with a bearer session token. */
    public HttpResponse<String> get(String path, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + bearer).GET().build());
    }

    /** The broker the node publishes to. */
    public String kafkaBootstrap() {
        return node.config("kafka.bootstrap.servers");
    }

    public HttpResponse<String> login(String email, String password) {
        return send(post("/api/v1/sessions", credentials(email, password)));
    }

    public CompletableFuture<HttpResponse<String>> loginAsync(String email, String password) {
        return http.sendAsync(post("/api/v1/sessions", credentials(email, password)), HttpResponse.BodyHandlers.ofString());
    }

    /** The node's loginguard_password_checks_total, summed over outcomes. */
    public double passwordChecks() {
        Matcher m = SAMPLE.matcher(metrics());
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    public String metrics() {
        return send(HttpRequest.newBuilder(URI.create(node.url("/q/metrics"))).GET().build()).body();
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(node.url(path)))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }
}
