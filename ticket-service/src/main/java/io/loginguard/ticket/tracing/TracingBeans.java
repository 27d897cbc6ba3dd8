package io.loginguard.ticket.tracing;

import io.loginguard.kit.tracing.QueryRedaction;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Query values never reach a span: service-kit's {@link QueryRedaction}, run by Quarkus' OpenTelemetry as a span processor. */
@Singleton
public class TracingBeans {

    @Produces
    @Singleton
    QueryRedaction queryRedaction() {
        return new QueryRedaction();
    }
}
