package io.loginguard.events;

import java.util.List;
import java.util.Optional;

/** Which service produces each event class, and the version of its contract. */
public final class EventTypes {
    public static final List<EventType> ALL = List.of(
            new EventType(LoginAttempted.class, "auth", 1),
            new EventType(AccountSnapshot.class, "auth", 1),
            new EventType(SecurityEvent.class, "auth", 1),
            new EventType(NotificationRequested.class, "auth", 1),
            new EventType(NotificationDelivery.class, "notification", 1),
            new EventType(RiskVerdict.class, "risk", 1),
            new EventType(AccountRiskState.class, "risk", 1),
            new EventType(RiskDecision.class, "risk", 1),
            new EventType(TicketEvent.class, "ticket", 1),
            new EventType(PipelineHeartbeat.class, "auth", 1),
            new EventType(PipelineHeartbeatEcho.class, "risk", 1));

    private EventTypes() {
    }

    public static EventType of(Class<? extends Event> eventClass) {
        return ALL.stream().filter(t -> t.eventClass() == eventClass).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type for " + eventClass.getName()));
    }

    public static Optional<EventType> byCeType(String ceType) {
        return ALL.stream().filter(t -> t.ceType().equals(ceType)).findFirst();
    }
}
