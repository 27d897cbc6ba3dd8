package io.loginguard.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryRedactionTest {
    @Test
    void namesStayValuesGo() {
        assertThat(QueryRedaction.redact("token=s3cr3t&lang=en")).isEqualTo("token=REDACTED&lang=REDACTED");
        assertThat(QueryRedaction.redact("flag")).isEqualTo("flag=REDACTED");
        assertThat(QueryRedaction.redact("a=1=2&&b=")).isEqualTo("a=REDACTED&=REDACTED&b=REDACTED");
    }
}
