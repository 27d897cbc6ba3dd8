package io.loginguard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Risk's answer to a {@link PipelineHeartbeat}: topic {@code risk.verdicts}, the heartbeat's key. It also carries
 * risk's lockout numbers, so auth's admission gate takes the threshold from risk (the one place it is
 * configured) even for an account risk has never seen.
 *
 * @param heartbeatId            the heartbeat's event id
 * @param sentAt                 the heartbeat's occurredAt: auth measures the round trip from it
 * @param partition              the partition of {@code auth.login-attempts} the heartbeat came through
 * @param passwordThreshold      risk's consecutive password failures that lock an account
 * @param secondFactorThreshold  risk's consecutive second-factor failures that lock an account
 */
public record PipelineHeartbeatEcho(
        UUID eventId,
        Instant occurredAt,
        String nodeId,
        UUID heartbeatId,
        Instant sentAt,
        int partition,
        int passwordThreshold,
        int secondFactorThreshold) implements Event {

    public PipelineHeartbeatEcho {
        Require.present(eventId, "eventId");
        Require.present(occurredAt, "occurredAt");
        Require.text(nodeId, "nodeId");
        Require.present(heartbeatId, "heartbeatId");
        Require.present(sentAt, "sentAt");
    }

    @Override
    public String key() {
        return PipelineHeartbeat.KEY_PREFIX + nodeId;
    }
}
