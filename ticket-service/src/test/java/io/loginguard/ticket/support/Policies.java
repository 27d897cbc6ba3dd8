package io.loginguard.ticket.support;

import io.loginguard.ticket.TicketPolicy;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/** A {@link TicketPolicy} for unit tests: the defaults, with the given keys overridden. */
public final class Policies {
    private Policies() {
    }

    public static TicketPolicy defaults() {
        return with(Map.of());
    }

    public static TicketPolicy with(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(TicketPolicy.class)
                .withSources(new PropertiesConfigSource(overrides, "test", 500))
                .build();
        return config.getConfigMapping(TicketPolicy.class);
    }
}
