package io.loginguard.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class TraceContextTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void aStoredTraceparentBecomesTheRemoteParentAndBackAgain() {
        Context parent = TraceContext.parent("00-" + TRACE + "-" + SPAN + "-01");
        SpanContext c = Span.fromContext(parent).getSpanContext();
        assertThat(c.isRemote()).isTrue();
        assertThat(c.getTraceId()).isEqualTo(TRACE);
        assertThat(c.getSpanId()).isEqualTo(SPAN);
        assertThat(c.isSampled()).isTrue();
        try (Scope ignored = parent.makeCurrent()) {
            assertThat(TraceContext.current()).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        }
    }

    @Test
    void noSpanNoTraceparentAndAMalformedOneIsNoParent() {
        assertThat(TraceContext.current()).isNull();
        assertThat(TraceContext.parent(null)).isSameAs(Context.root());
        assertThat(TraceContext.parent("00-" + TRACE + "-" + SPAN)).isSameAs(Context.root());
        assertThat(TraceContext.parent("00-00000000000000000000000000000000-" + SPAN + "-01")).isSameAs(Context.root());
        assertThat(TraceContext.parent("01-" + TRACE.toUpperCase() + "-" + SPAN + "-01")).isSameAs(Context.root());
    }

    @Test
    void anUnsampledParentStaysUnsampled() {
        SpanContext unsampled = SpanContext.create(TRACE, SPAN, TraceFlags.getDefault(), TraceState.getDefault());
        assertThat(TraceContext.of(unsampled)).isEqualTo("00-" + TRACE + "-" + SPAN + "-00");
        assertThat(Span.fromContext(TraceContext.parent(TraceContext.of(unsampled))).getSpanContext().isSampled()).isFalse();
    }
}
