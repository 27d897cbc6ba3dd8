package io.loginguard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A probe auth sends through the login pipeline, so that "auth → Kafka → risk → auth works" is proven every few
 * seconds without waiting for a person to log in. Topic {@code auth.login-attempts}, sent to an explicit
 * partition (every partition in turn), key {@link #KEY_PREFIX}{@code <nodeId>}. Risk answers each with a
 * {@link PipelineHeartbeatEcho} on {@code risk.verdicts} and touches no account's state; replays ignore both.
 *
 * @param nodeId    the auth node that sent it
 * @param partition the partition of {@code auth.login-attempts} it was written to
 */
public record PipelineHeartbeat(
        UUID eventId,
        Instant occurredAt,
        String nodeId,
        int partition) implements Event {

    /** Record keys of heartbeats and their echoes start with this; no account key does. */
    public static final String KEY_PREFIX = "heartbeat:";

    public PipelineHeartbeat {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(nodeId, "nodeId");
    }

    @Override
    public String key() {
        return KEY_PREFIX + nodeId;
    }

    public static boolean isHeartbeatKey(String key) {
        return key != null && key.startsWith(KEY_PREFIX);
    }
}
