package io.loginguard.notification.delivery;

import io.agroal.api.AgroalDataSource;
import io.loginguard.events.NotificationRequested;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;

/** The rows a node leaves behind when it is killed mid-send, written directly for tests. */
final class Crashes {
    private Crashes() {
    }

    /** A SENDING row whose lease has run out; {@code handedOver}: the provider had been called. */
    static void leaveSending(AgroalDataSource db, NotificationRequested r, boolean handedOver) throws Exception {
        Instant past = Instant.now().minusSeconds(60);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO deliveries (request_id, source, account_id, channel, destination, template, locale, params,
                    sealed_params, expires_at, alert, status, next_attempt_at, lease_until, handed_over_at, occurred_at,
                    created_at, updated_at)
                VALUES (?, 'REQUEST', ?, ?, ?, ?, ?, '{"validMinutes":"10"}'::jsonb, ?, ?, false, 'SENDING', ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, r.requestId());
            ps.setString(2, r.accountId());
            ps.setString(3, r.channel().name());
            ps.setString(4, r.destination());
            ps.setString(5, r.template());
            ps.setString(6, r.locale());
            ps.setString(7, r.sealedParams());
            ps.setTimestamp(8, Timestamp.from(r.expiresAt()));
            ps.setTimestamp(9, Timestamp.from(past));
            ps.setTimestamp(10, Timestamp.from(past));
            ps.setTimestamp(11, handedOver ? Timestamp.from(past) : null);
            ps.setTimestamp(12, Timestamp.from(past));
            ps.setTimestamp(13, Timestamp.from(past));
            ps.setTimestamp(14, Timestamp.from(past));
            ps.executeUpdate();
        }
    }
}
