package io.loginguard.auth.pipeline;

import io.loginguard.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This auth node's name in heartbeats: configured, or random per start. */
@ApplicationScoped
public class NodeIdentity {
    private final String id;

    public NodeIdentity(AuthConfig config) {
        this.id = config.pipeline().nodeId().orElseGet(() -> "auth-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String id() {
        return id;
    }
}
