package io.loginguard.ticket.cases;

import io.loginguard.kit.db.Transactions;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Deletes the documents of cases closed longer ago than the retention (90 days by default): the encrypted bytes are
 * removed, the file's metadata (part, size, SHA-256) kept, and the deletion recorded in the case's audit trail.
 */
@ApplicationScoped
public class RetentionSweeper {
    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);
    private static final int BATCH = 100;

    private final Transactions tx;
    private final Clock clock;

    public RetentionSweeper(Transactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(every = "${loginguard.ticket.retention.check-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            sweepNow();
        } catch (RuntimeException e) {
            LOG.warnf("could not delete expired case files: %s", e.getMessage());
        }
    }

    /** Deletes what is due now; returns how many cases had their files deleted. */
    public int sweepNow() {
        int total = 0;
        int done;
        do {
            done = sweepBatch();
            total += done;
        } while (done == BATCH);
        return total;
    }

    private int sweepBatch() {
        Instant now = clock.instant();
        return tx.call(c -> {
            List<UUID> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id FROM cases WHERE files_deleted_at IS NULL AND files_delete_after <= ?
                    ORDER BY files_delete_after LIMIT %d FOR UPDATE SKIP LOCKED""".formatted(BATCH))) {
                ps.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            for (UUID caseId : due) {
                int files;
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE case_files SET content = NULL, deleted_at = ? WHERE case_id = ? AND deleted_at IS NULL")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setObject(2, caseId);
                    files = ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE cases SET files_deleted_at = ? WHERE id = ?")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setObject(2, caseId);
                    ps.executeUpdate();
                }
                CaseStore.audit(c, caseId, now, "SYSTEM", "retention", "FILES_DELETED", files + " files");
                LOG.infof("case %s: %d files deleted after the retention period", caseId, files);
            }
            return due.size();
        });
    }
}
