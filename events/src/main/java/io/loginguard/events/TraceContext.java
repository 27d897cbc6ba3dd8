package io.loginguard.events;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.regex.Pattern;

/**
 * The W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}) of a trace that must outlive a thread: an
 * outbox row or a recorded message keeps the context of the request that wrote it, so the record the relay sends,
 * or the send that comes later, continues that trace. Only the four ids and flags travel: never an attribute.
 */
public final class TraceContext {
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceContext() {
    }

    /** The traceparent of the span current on this thread; null when there is none (tracing off, no request). */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    public static String of(SpanContext c) {
        if (c == null || !c.isValid()) {
            return null;
        }
        return "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex();
    }

    /** A context whose (remote) parent is the given traceparent; the root context when it is absent or malformed. */
    public static Context parent(String traceparent) {
        if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
            return Context.root();
        }
        String[] p = traceparent.split("-");
        SpanContext remote = SpanContext.createFromRemoteParent(p[1], p[2], TraceFlags.fromHex(p[3], 0), TraceState.getDefault());
        return remote.isValid() ? Context.root().with(Span.wrap(remote)) : Context.root();
    }
}
