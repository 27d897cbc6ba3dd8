package io.loginguard.ticket.support;

import io.loginguard.testinfra.quarkus.LoginguardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of ticket-service runs against the real broker and a PostgreSQL database of its own. */
@QuarkusTestResource(value = LoginguardTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "ticket"))
public final class TicketTestResources {
    private TicketTestResources() {
    }
}
