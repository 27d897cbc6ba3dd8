package io.loginguard.auth.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every Redis key auth writes starts with one configurable prefix, so tests and stacks never collide. */
@ApplicationScoped
public class RedisKeys {
    private final String prefix;

    public RedisKeys(@ConfigProperty(name = "loginguard.redis.key-prefix", defaultValue = "lg:") String prefix) {
        this.prefix = prefix;
    }

    public String admission(String accountKey) {
        return prefix + "adm:" + accountKey;
    }

    /** One hash shared by every auth node: when attempts were last published and verdicts last applied. */
    public String verdictFlow() {
        return prefix + "adm-flow";
    }

    public String session(String tokenHash) {
        return prefix + "session:" + tokenHash;
    }
}
