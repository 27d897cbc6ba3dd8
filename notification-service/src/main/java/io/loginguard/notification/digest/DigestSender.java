package io.loginguard.notification.digest;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.kit.db.Transactions;
import io.loginguard.notification.config.NotificationConfig;
import io.loginguard.notification.delivery.DeliveryStore;
import io.loginguard.notification.delivery.Dispatcher;
import io.loginguard.notification.delivery.NewDelivery;
import io.loginguard.notification.delivery.Source;
import io.loginguard.notification.delivery.Status;
import io.loginguard.notification.ratelimit.DestinationRateLimiter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Alerts over a destination's rate limit are folded, not dropped: every check interval, each destination holding
 * folded alerts gets one digest listing them, as soon as its limit allows one more message. The digest takes its
 * slot here, under its own id, so the dispatcher's check of the same id lets it through.
 */
@ApplicationScoped
public class DigestSender {
    private static final Logger LOG = Logger.getLogger(DigestSender.class);
    private static final int GROUPS_PER_ROUND = 100;

    private final Transactions tx;
    private final DeliveryStore store;
    private final DestinationRateLimiter limiter;
    private final DigestContent content;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Duration interval;
    private volatile Thread loop;
    private volatile boolean running;

    public DigestSender(Transactions tx, DeliveryStore store, DestinationRateLimiter limiter, DigestContent content,
                        Dispatcher dispatcher, Clock clock, NotificationConfig config) {
        this.tx = tx;
        this.store = store;
        this.limiter = limiter;
        this.content = content;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.interval = config.digest().checkInterval();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        loop = new Thread(() -> {
            while (running) {
                LockSupport.parkNanos(interval.toNanos());
                try {
                    sendDue();
                } catch (RuntimeException e) {
                    LOG.warnf("digest round failed, next round in %s: %s", interval, e.getMessage());
                }
            }
        }, "notification-digest");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
    }

    /** One round: a digest for every destination with folded alerts whose limit allows it now. */
    public int sendDue() {
        int sent = 0;
        for (FoldedGroup group : foldedGroups()) {
            Channel channel = group.sentTo().contains("@") ? Channel.EMAIL : Channel.SMS;
            UUID digestId = UUID.nameUUIDFromBytes(("digest:" + group.alertIds().get(0)).getBytes(StandardCharsets.UTF_8));
            if (limiter.acquire(channel, group.sentTo(), digestId).allowed() && fold(group, channel, digestId)) {
                sent++;
            }
        }
        if (sent > 0) {
            dispatcher.wakeUp();
        }
        return sent;
    }

    private boolean fold(FoldedGroup group, Channel channel, UUID digestId) {
        Map<String, String> params = content.params(group.accountId(), group.alertIds());
        Instant now = clock.instant();
        NewDelivery digest = new NewDelivery(digestId, Source.DIGEST, group.accountId(), channel, group.sentTo(),
                "security-digest", null, params, null, null, false, now, null);
        return tx.call(c -> {
            if (!store.insert(c, digest, Status.PENDING, now)) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE deliveries SET status = 'DIGESTED', digest_id = ?, updated_at = ?
                    WHERE request_id = ANY (?) AND status = 'FOLDED'""")) {
                ps.setObject(1, digestId);
                ps.setTimestamp(2, java.sql.Timestamp.from(now));
                ps.setArray(3, c.createArrayOf("uuid", group.alertIds().toArray()));
                ps.executeUpdate();
            }
            LOG.infof("digest %s folds %d alerts for account %s", digestId, group.alertIds().size(), group.accountId());
            return true;
        });
    }

    private List<FoldedGroup> foldedGroups() {
        return tx.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT account_id, sent_to, array_agg(request_id ORDER BY occurred_at, request_id)
                    FROM deliveries WHERE status = 'FOLDED' GROUP BY account_id, sent_to LIMIT ?""")) {
                ps.setInt(1, GROUPS_PER_ROUND);
                List<FoldedGroup> groups = new java.util.ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID[] ids = (UUID[]) rs.getArray(3).getArray();
                        groups.add(new FoldedGroup(rs.getString(1), rs.getString(2), List.of(ids)));
                    }
                }
                return groups;
            }
        });
    }

    record FoldedGroup(String accountId, String sentTo, List<UUID> alertIds) {
    }
}
