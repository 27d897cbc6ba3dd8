package io.loginguard.notification.sealing;

import io.loginguard.events.SealedParams;
import io.loginguard.notification.config.NotificationConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The keys that open {@code sealedParams}, by key id (the envelope names its key, so keys rotate: add the new id
 * here first, then let auth seal with it, and drop the old id once no envelope sealed with it can still arrive).
 * The development key is published in the repository, so a production run refuses it.
 */
@ApplicationScoped
public class SealingKeys {
    /** The published development key, auth's default too: {@code dev-only-sealing-key-0123456789a} (32 bytes), id {@code dev}. */
    static final String DEV_KEY = "ZGV2LW9ubHktc2VhbGluZy1rZXktMDEyMzQ1Njc4OWE=";
    private static final Logger LOG = Logger.getLogger(SealingKeys.class);

    private final Map<String, byte[]> keys;

    public SealingKeys(NotificationConfig config) {
        Map<String, byte[]> decoded = new HashMap<>();
        config.sealingKeys().forEach((id, b64) -> {
            byte[] key = Base64.getDecoder().decode(b64.trim());
            if (key.length != 32) {
                throw new IllegalStateException("loginguard.notification.sealing-keys." + id + " is " + key.length
                        + " bytes; a sealing key is 32 bytes (AES-256), base64-encoded");
            }
            decoded.put(id, key);
        });
        this.keys = Map.copyOf(decoded);
    }

    void check(@Observes StartupEvent event) {
        boolean devKeyKnown = keys.values().stream().anyMatch(k -> Base64.getEncoder().encodeToString(k).equals(DEV_KEY));
        if (LaunchMode.current() == LaunchMode.NORMAL && devKeyKnown) {
            String why = "a loginguard.notification.sealing-keys entry is the published development key: anyone holding "
                    + "notification.requests could open the codes in it. Set a secret key (and the same in auth).";
            LOG.error(why);
            throw new IllegalStateException(why);
        }
        if (keys.isEmpty()) {
            LOG.warn("no loginguard.notification.sealing-keys: requests with sealed params (codes, links) will fail");
        }
    }

    public boolean knows(String envelope) {
        return keyId(envelope).map(keys::containsKey).orElse(false);
    }

    /** Opens the sealed params of one request; throws IllegalArgumentException if they do not open. */
    public Map<String, String> open(String envelope, String requestId) {
        if (envelope == null || envelope.isBlank()) {
            return Map.of();
        }
        return SealedParams.open(envelope, requestId, keys);
    }

    static Optional<String> keyId(String envelope) {
        if (envelope == null) {
            return Optional.empty();
        }
        String[] parts = envelope.split("\\.", -1);
        return parts.length == 3 ? Optional.of(parts[1]) : Optional.empty();
    }
}
