package io.loginguard.auth.passkey;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * auth with {@code loginguard.auth.factors.required} off: a person may remove their last second factor. The tests of
 * the removal's proofs run here, so their account's only passkey can go; the default (on) is {@code PasskeyRemovalTest}'s.
 */
public class FactorsOptionalProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("loginguard.auth.factors.required", "false");
    }
}
