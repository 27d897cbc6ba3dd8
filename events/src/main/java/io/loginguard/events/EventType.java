package io.loginguard.events;

/**
 * The CloudEvents identity of an event class: {@code ce_type = loginguard.<service>.<EventName>.v<N>},
 * {@code ce_source = /<service>}.
 */
public record EventType(Class<? extends Event> eventClass, String service, int version) {

    public String ceType() {
        return "loginguard." + service + "." + eventClass.getSimpleName() + ".v" + version;
    }

    public String ceSource() {
        return "/" + service;
    }
}
