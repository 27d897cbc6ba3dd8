package io.loginguard.kit.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A service's table {@code dead_letters} ({@code source_topic, source_partition, source_offset} unique, and a reason
 * and a time): the positions already dead-lettered. Written in the transaction that writes the dead letter to the
 * outbox, so that a redelivered record is dead-lettered, and counted, once.
 */
public final class DeadLetterLedger {

    private DeadLetterLedger() {
    }

    /** Records the record's position; true the first time, false if it was recorded before. */
    public static boolean firstTime(Connection c, SourceRecord record, Throwable why, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO dead_letters (source_topic, source_partition, source_offset, reason, created_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            ps.setString(1, record.topic());
            ps.setInt(2, record.partition());
            ps.setLong(3, record.offset());
            ps.setString(4, String.valueOf(why.getMessage()));
            ps.setTimestamp(5, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        }
    }
}
