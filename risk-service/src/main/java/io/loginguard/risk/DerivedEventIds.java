package io.loginguard.risk;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from the input attempt instead of drawn at random, so replaying the same attempts gives
 * byte-identical outputs, and a downstream consumer deduplicating by event id sees a replay as a repeat.
 */
public final class DerivedEventIds {
    private DerivedEventIds() {
    }

    /** A name-based (version 3) UUID for the output {@code role} of the attempt {@code attemptId}. */
    public static UUID of(UUID attemptId, String role) {
        return UUID.nameUUIDFromBytes((attemptId + ":" + role).getBytes(StandardCharsets.UTF_8));
    }
}
