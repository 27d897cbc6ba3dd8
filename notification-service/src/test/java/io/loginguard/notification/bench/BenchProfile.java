package io.loginguard.notification.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The benchmark sends thousands of messages to one address: per-destination limits out of the way, defaults otherwise. */
public class BenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("loginguard.notification.rate-limit.emails-per-window", "1000000",
                "loginguard.notification.dispatch.workers", System.getProperty("loginguard.bench.workers", "8"),
                "quarkus.log.category.\"io.loginguard.notification.delivery\".level", System.getProperty("loginguard.bench.log", "WARN"));
    }
}
