package io.loginguard.e2e;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP trace receiver (HTTP, protobuf) in the test JVM: the services export their spans to it, and a test finds
 * them by trace id, service and name.
 */
final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    final List<Received> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                if ("POST".equals(exchange.getRequestMethod())) { // traces are all the services are set to send
                    collect(ExportTraceServiceRequest.parseFrom(in));
                }
            } catch (IOException | RuntimeException | Error e) {
                System.err.println("OTLP receiver: " + exchange.getRequestURI() + ": " + e);
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                throw e;
            }
            byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
            if (ok.length > 0) {
                exchange.getResponseBody().write(ok);
            }
            exchange.close();
        });
        server.start();
    }

    /** The configuration that makes a service export every span here, quickly. */
    Map<String, String> serviceConfig() {
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + server.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "PT0.2S");
    }

    private void collect(ExportTraceServiceRequest export) {
        for (ResourceSpans rs : export.getResourceSpansList()) {
            String service = rs.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                    .map(a -> a.getValue().getStringValue()).findFirst().orElse("?");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    spans.add(new Received(service, s));
                }
            }
        }
    }

    Received awaitSpan(String traceId, String service, String name) {
        try {
            return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> spans.stream()
                    .filter(s -> s.traceId().equals(traceId) && s.service.equals(service) && s.span.getName().equals(name))
                    .findFirst(), Optional::isPresent).orElseThrow();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.err.println("no " + service + " span '" + name + "' in trace " + traceId + "; " + spans.size()
                    + " spans received, of that trace:");
            spans.stream().filter(s -> s.traceId().equals(traceId)).forEach(s -> System.err.println("  " + s.service + " "
                    + s.spanId() + " <- " + hex(s.span.getParentSpanId().toByteArray()) + " " + s.span.getKind() + " "
                    + s.span.getName()));
            throw e;
        }
    }

    /** The span of the trace with that id, waited for (a parent may be exported after its child). */
    Received awaitSpanById(String traceId, String spanId, String what) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> spans.stream()
                .filter(s -> s.traceId().equals(traceId) && s.spanId().equals(spanId)).findFirst(),
                Optional::isPresent).orElseThrow(() -> new AssertionError("no span " + spanId + ", the parent of " + what));
    }

    static String attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(a -> a.getKey().equals(key)).map(KeyValue::getValue)
                .map(OtlpReceiver::text).findFirst().orElse(null);
    }

    private static String text(AnyValue v) {
        return v.hasStringValue() ? v.getStringValue() : v.hasIntValue() ? Long.toString(v.getIntValue()) : v.toString();
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    record Received(String service, Span span) {
        String traceId() {
            return hex(span.getTraceId().toByteArray());
        }

        String spanId() {
            return hex(span.getSpanId().toByteArray());
        }

        String parentId() {
            return hex(span.getParentSpanId().toByteArray());
        }
    }
}
