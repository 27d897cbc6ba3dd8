package io.loginguard.notification.digest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Three SMS per number per 6 s window: small enough that a test floods a phone in a moment and sees the window free. */
public class SmallSmsLimitProfile implements QuarkusTestProfile {
    static final int SMS_LIMIT = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("loginguard.notification.rate-limit.sms-per-window", Integer.toString(SMS_LIMIT),
                "loginguard.notification.rate-limit.window", "PT6S");
    }
}
