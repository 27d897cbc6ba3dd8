package io.loginguard.auth.config;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The Kafka properties of one of auth's own consumers ({@code loginguard.consumer.<name>.*}, shaped like a SmallRye
 * channel's settings): every {@code kafka.*} setting (bootstrap servers and, where set, TLS and SASL), then each key
 * under the prefix but the named ones (which are the consumer's own settings, such as its topic), with auto-commit
 * off: these consumers commit, or not, themselves.
 */
public final class ConsumerProperties {
    private ConsumerProperties() {
    }

    public static Properties of(Map<String, Object> kafka, String prefix, Set<String> notKafka) {
        Properties p = new Properties();
        p.putAll(kafka);
        Config config = ConfigProvider.getConfig();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix) && notKafka.stream().noneMatch(own -> name.startsWith(prefix + own))) {
                config.getOptionalValue(name, String.class).ifPresent(v -> p.put(name.substring(prefix.length()), v));
            }
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }
}
