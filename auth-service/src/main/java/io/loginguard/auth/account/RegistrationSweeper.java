package io.loginguard.auth.account;

import io.loginguard.auth.config.AuthConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Forgets registrations nobody verified within the pending expiry (24 h by default). */
@ApplicationScoped
public class RegistrationSweeper {
    private static final Logger LOG = Logger.getLogger(RegistrationSweeper.class);

    private final RegistrationService registrations;
    private final Duration interval;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registration-sweeper");
        t.setDaemon(true);
        return t;
    });

    public RegistrationSweeper(RegistrationService registrations, AuthConfig config) {
        this.registrations = registrations;
        this.interval = config.registration().sweepInterval();
    }

    void start(@Observes StartupEvent event) {
        ticker.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }

    private void sweep() {
        try {
            long deleted = registrations.deleteExpiredRegistrations();
            if (deleted > 0) {
                LOG.infof("forgot %d registration(s) nobody verified in time", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warnf("sweeping expired registrations failed, will retry: %s", e.getMessage());
        }
    }
}
