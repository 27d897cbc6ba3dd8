package io.loginguard.ticket.cases;

import java.time.Duration;
import java.time.Instant;

/**
 * A case's service levels: a first reply and a resolution, each due a fixed time after the case opened, pushed back by
 * every moment the case waited for the person (the clock pauses then). Pure: every answer is for the given instant.
 */
public record Sla(Instant firstReplyDue, Instant resolutionDue, Instant firstRepliedAt, Instant waitingSince,
                  Duration paused, Instant closedAt) {

    /** How long the SLA clock has been stopped, up to {@code now}. */
    public Duration pausedAt(Instant now) {
        Duration waiting = waitingSince == null || now.isBefore(waitingSince) ? Duration.ZERO : Duration.between(waitingSince, now);
        return paused.plus(waiting);
    }

    public Instant firstReplyDueAt(Instant now) {
        return firstReplyDue.plus(pausedAt(now));
    }

    public Instant resolutionDueAt(Instant now) {
        return resolutionDue.plus(pausedAt(now));
    }

    /** The next deadline: the first reply until there was one, then the resolution. The review queue's order. */
    public Instant nextDueAt(Instant now) {
        return firstRepliedAt == null ? firstReplyDueAt(now) : resolutionDueAt(now);
    }

    /** Past a deadline, and not closed or waiting for the person (whose time does not count against us). */
    public boolean overdue(Instant now) {
        return firstReplyOverdue(now) || resolutionOverdue(now);
    }

    /** No first reply yet and past its deadline, while the clock runs (not closed, not waiting for the person). */
    public boolean firstReplyOverdue(Instant now) {
        return running() && firstRepliedAt == null && now.isAfter(firstReplyDueAt(now));
    }

    /** Past the resolution deadline while the clock runs. */
    public boolean resolutionOverdue(Instant now) {
        return running() && now.isAfter(resolutionDueAt(now));
    }

    private boolean running() {
        return closedAt == null && waitingSince == null;
    }
}
