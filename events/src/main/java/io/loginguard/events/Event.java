package io.loginguard.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event on a Loginguard topic has: a unique id (also the CloudEvents {@code ce_id}) and the
 * UTC instant it happened. Consumers deduplicate by {@link #eventId()}; risk's windows run on
 * {@link #occurredAt()}, never on a wall clock.
 */
public interface Event {
    UUID eventId();

    Instant occurredAt();

    /** The record key: the account id for every event about an account. */
    String key();
}
