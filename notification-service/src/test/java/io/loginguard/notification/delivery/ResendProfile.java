package io.loginguard.notification.delivery;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** An email whose send was interrupted after the hand-over is sent again, with the same Message-ID. */
public class ResendProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("loginguard.notification.email.unknown-outcome", "RESEND");
    }
}
