package io.loginguard.ticket.bench;

import static io.loginguard.ticket.support.CaseApi.asReviewer;
import static io.loginguard.ticket.support.CaseApi.caseForm;
import static io.loginguard.ticket.support.CaseApi.caseToken;
import static io.loginguard.ticket.support.CaseApi.emailCode;
import static io.loginguard.ticket.support.CaseApi.known;
import static io.loginguard.ticket.support.CaseApi.reviewerToken;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.ticket.account.AccountProjection;
import io.loginguard.ticket.files.DocumentCipher;
import io.loginguard.ticket.files.DocumentInspector;
import io.loginguard.ticket.support.Documents;
import io.loginguard.ticket.support.Kafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures, not asserts: a 5 MiB JPEG added to a case over HTTP ({@code POST /api/v1/cases/{id}/files}: multipart
 * spooling, content check, decode, strip, SHA-256, AES-GCM, the row, its audit entry and event in one PostgreSQL
 * transaction), one request at a time, p50/p99 and MiB/s; against the same bytes through the in-process pipeline alone
 * (check+decode+strip+encrypt), measured in the same run. Each timed upload follows an untimed request for information
 * (an upload is accepted only when asked). The client is {@code java.net.http} with the multipart body built once
 * (REST Assured's own multipart encoding cost about 2 s a request on this machine and would be measured instead). Run:
 * {@code ./mvnw -B -o -pl ticket-service verify -Dtest=UploadHttpBench -Dloginguard.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dloginguard.bench.iterations=30}); written to {@code ticket-service/target/upload-http-bench.txt}.
 */
@QuarkusTest
@TestProfile(UploadHttpBench.Unlimited.class)
@EnabledIfSystemProperty(named = "loginguard.bench", matches = "true")
class UploadHttpBench {
    @Inject
    AccountProjection projection;
    @Inject
    DocumentInspector inspector;
    @Inject
    DocumentCipher cipher;

    /** One case receives every upload: its size limit is lifted for the benchmark. */
    public static class Unlimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("loginguard.ticket.uploads.max-case-bytes", Long.toString(1L << 40));
        }
    }

    @Test
    void fiveMebibyteJpegOverHttp() throws IOException {
        int iterations = Integer.getInteger("loginguard.bench.iterations", 30);
        int warmup = 5;
        byte[] upload = UploadBench.image("jpeg");
        AccountSnapshot a = known(Kafka.account("bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                null, AccountSnapshot.Status.ACTIVE, null, Set.of()), projection);
        String code = emailCode(a, "IDENTITY_REVERIFICATION", 1);
        String caseId = caseForm("IDENTITY_REVERIFICATION", a.email(), code, Map.of("selfie", Documents.jpeg(64, 64)))
                .when().post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String token = caseToken(a, 1);
        String reviewer = reviewerToken();

        // the request body is built once, outside the timing: what is measured is the server's work
        String boundary = "bench-" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"selfie\"; filename=\"me.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        body.writeBytes(upload);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] multipart = body.toByteArray();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                + "/api/v1/cases/" + caseId + "/files");

        Histogram http = new Histogram(3);
        long httpNanos = 0;
        for (int i = 0; i < warmup + iterations; i++) {
            asReviewer(reviewer).contentType("application/json").body(Map.of("message", "another one, please"))
                    .when().post("/api/v1/review/cases/" + caseId + "/request-info").then().statusCode(200);
            long t = System.nanoTime();
            java.net.http.HttpResponse<String> r;
            try {
                r = client.send(java.net.http.HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(multipart)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
            }
            long took = System.nanoTime() - t;
            if (i >= warmup) {
                http.recordValue(took / 1000);
                httpNanos += took;
            }
        }
        Histogram pipeline = new Histogram(3);
        long pipelineNanos = 0;
        for (int i = 0; i < warmup + iterations; i++) {
            long t = System.nanoTime();
            cipher.encrypt(inspector.inspect("selfie", upload).bytes(), "case:bench/file:bench");
            long took = System.nanoTime() - t;
            if (i >= warmup) {
                pipeline.recordValue(took / 1000);
                pipelineNanos += took;
            }
        }
        double mib = upload.length / 1048576.0;
        List<String> lines = List.of(
                String.format(Locale.ROOT, "JPEG %.2f MiB, %d measured uploads after %d warm-up, one at a time, %d cores",
                        mib, iterations, warmup, Runtime.getRuntime().availableProcessors()),
                String.format(Locale.ROOT, "HTTP upload (multipart + check + decode + strip + sha256 + AES-GCM + PostgreSQL): p50 %.1f ms, p99 %.1f ms, %.1f MiB/s",
                        http.getValueAtPercentile(50) / 1000.0, http.getValueAtPercentile(99) / 1000.0, mib * iterations / (httpNanos / 1e9)),
                String.format(Locale.ROOT, "reference in-process pipeline (check + decode + strip + sha256 + AES-GCM): p50 %.1f ms, p99 %.1f ms, %.1f MiB/s",
                        pipeline.getValueAtPercentile(50) / 1000.0, pipeline.getValueAtPercentile(99) / 1000.0, mib * iterations / (pipelineNanos / 1e9)),
                String.format(Locale.ROOT, "ratio: HTTP p99 / pipeline p99 = %.2f; HTTP throughput / pipeline throughput = %.2f",
                        (double) http.getValueAtPercentile(99) / pipeline.getValueAtPercentile(99), (double) pipelineNanos / httpNanos));
        String report = String.join("\n", lines);
        System.out.println(report);
        Files.writeString(Path.of("target", "upload-http-bench.txt"), report + "\n");
    }
}
