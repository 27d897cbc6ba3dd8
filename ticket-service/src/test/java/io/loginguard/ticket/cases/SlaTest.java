package io.loginguard.ticket.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlaTest {
    private static final Instant OPENED = Instant.parse("2026-03-01T00:00:00Z");
    private static final Sla FRESH = new Sla(OPENED.plus(Duration.ofHours(24)), OPENED.plus(Duration.ofHours(48)), null, null,
            Duration.ZERO, null);

    @Test
    void overdueOnlyAfterTheFirstReplyIsDue() {
        assertThat(FRESH.overdue(OPENED.plus(Duration.ofHours(24)))).isFalse();
        assertThat(FRESH.overdue(OPENED.plus(Duration.ofHours(24)).plusSeconds(1))).isTrue();
    }

    @Test
    void afterAFirstReplyTheResolutionCounts() {
        Sla replied = new Sla(FRESH.firstReplyDue(), FRESH.resolutionDue(), OPENED.plusSeconds(60), null, Duration.ZERO, null);
        assertThat(replied.overdue(OPENED.plus(Duration.ofHours(30)))).isFalse();
        assertThat(replied.nextDueAt(OPENED)).isEqualTo(FRESH.resolutionDue());
        assertThat(replied.overdue(OPENED.plus(Duration.ofHours(48)).plusSeconds(1))).isTrue();
    }

    @Test
    void waitingForThePersonPausesTheClock() {
        Instant askedAt = OPENED.plus(Duration.ofHours(10));
        Sla waiting = new Sla(FRESH.firstReplyDue(), FRESH.resolutionDue(), askedAt, askedAt, Duration.ZERO, null);
        Instant muchLater = OPENED.plus(Duration.ofDays(20));
        assertThat(waiting.overdue(muchLater)).isFalse();
        assertThat(waiting.resolutionDueAt(muchLater)).isEqualTo(FRESH.resolutionDue().plus(Duration.between(askedAt, muchLater)));

        // the person answered after 5 hours: the resolution is due 5 hours later than promised
        Sla resumed = new Sla(FRESH.firstReplyDue(), FRESH.resolutionDue(), askedAt, null, Duration.ofHours(5), null);
        assertThat(resumed.resolutionDueAt(muchLater)).isEqualTo(OPENED.plus(Duration.ofHours(53)));
        assertThat(resumed.overdue(OPENED.plus(Duration.ofHours(53)))).isFalse();
        assertThat(resumed.overdue(OPENED.plus(Duration.ofHours(53)).plusSeconds(1))).isTrue();
    }

    @Test
    void aClosedCaseIsNeverOverdue() {
        Sla closed = new Sla(FRESH.firstReplyDue(), FRESH.resolutionDue(), OPENED, null, Duration.ZERO, OPENED.plusSeconds(5));
        assertThat(closed.overdue(OPENED.plus(Duration.ofDays(100)))).isFalse();
    }
}
