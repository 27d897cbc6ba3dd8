package io.loginguard.kit.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Keeps query values out of spans: the HTTP instrumentation records the query string ({@code url.query}, and
 * {@code url.full} for clients), and a page's query may carry a secret or personal data (a password-reset link's
 * token, an email address). Names stay, values become {@code REDACTED}, before any exporter sees the span. A service
 * makes a bean of it; Quarkus' OpenTelemetry runs every {@link SpanProcessor} bean.
 */
public class QueryRedaction implements SpanProcessor {
    static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    static final AttributeKey<String> FULL = AttributeKey.stringKey("url.full");

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
        String query = span.getAttribute(QUERY);
        if (query != null && !query.isEmpty()) {
            span.setAttribute(QUERY, redact(query));
        }
        String full = span.getAttribute(FULL);
        if (full != null && full.indexOf('?') >= 0) {
            int q = full.indexOf('?');
            span.setAttribute(FULL, full.substring(0, q + 1) + redact(full.substring(q + 1)));
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    /** {@code token=abc&lang=en} becomes {@code token=REDACTED&lang=REDACTED}. */
    public static String redact(String query) {
        StringBuilder out = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            out.append(eq < 0 ? pair : pair.substring(0, eq)).append("=REDACTED");
        }
        return out.toString();
    }
}
