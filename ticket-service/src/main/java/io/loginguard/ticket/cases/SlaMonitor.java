package io.loginguard.ticket.cases;

import io.loginguard.kit.db.Transactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Counts open and overdue cases for the metrics ({@code loginguard_ticket_cases_overdue},
 * {@code loginguard_ticket_cases_open}), refreshed on a schedule so a scrape never queries the database, and counts
 * each SLA breach once ({@code loginguard_ticket_sla_breaches_total}, by deadline): the first refresh that finds a case
 * past a deadline marks it on the case row ({@code first_reply_breached_at}, {@code resolution_breached_at}) and, if
 * its mark was the one written, counts it; so restarts and several instances count a breach once. A first reply
 * given within one check interval after its deadline is not seen as a breach.
 */
@ApplicationScoped
public class SlaMonitor {
    private static final Logger LOG = Logger.getLogger(SlaMonitor.class);

    private final Transactions tx;
    private final Clock clock;
    private final AtomicLong overdue = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private final Counter firstReplyBreaches;
    private final Counter resolutionBreaches;

    public SlaMonitor(Transactions tx, Clock clock, MeterRegistry registry) {
        this.tx = tx;
        this.clock = clock;
        Gauge.builder("loginguard.ticket.cases.overdue", overdue, AtomicLong::get)
                .description("open cases past their first-reply or resolution deadline (time waiting for the person excluded)")
                .register(registry);
        Gauge.builder("loginguard.ticket.cases.open", open, AtomicLong::get)
                .description("cases not yet approved or rejected").register(registry);
        this.firstReplyBreaches = breaches(registry, "first_reply");
        this.resolutionBreaches = breaches(registry, "resolution");
    }

    private static Counter breaches(MeterRegistry registry, String sla) {
        return Counter.builder("loginguard.ticket.sla.breaches")
                .description("cases found past a deadline (first reply or resolution), each case and deadline counted once")
                .tag("sla", sla).register(registry);
    }

    @Scheduled(every = "${loginguard.ticket.sla.check-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            refreshNow();
        } catch (RuntimeException e) {
            LOG.warnf("could not count overdue cases: %s", e.getMessage());
        }
    }

    /** Recounts now; returns the number of overdue cases. */
    public long refreshNow() {
        Instant now = clock.instant();
        List<CaseRow> active = tx.call(c -> CaseStore.active(c, Integer.MAX_VALUE));
        long late = active.stream().filter(r -> r.sla().overdue(now)).count();
        overdue.set(late);
        open.set(active.size());
        List<UUID> lateReplies = active.stream().filter(r -> r.sla().firstReplyOverdue(now)).map(CaseRow::id).toList();
        List<UUID> lateResolutions = active.stream().filter(r -> r.sla().resolutionOverdue(now)).map(CaseRow::id).toList();
        firstReplyBreaches.increment(mark(lateReplies, "first_reply_breached_at", now));
        resolutionBreaches.increment(mark(lateResolutions, "resolution_breached_at", now));
        return late;
    }

    /** Marks the cases' breach of one deadline where it is not marked yet; how many this call marked. */
    private int mark(List<UUID> cases, String column, Instant now) {
        if (cases.isEmpty()) {
            return 0;
        }
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET " + column + " = ? WHERE id = ANY (?) AND "
                    + column + " IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setArray(2, c.createArrayOf("uuid", cases.toArray()));
                return ps.executeUpdate();
            }
        });
    }
}
