package io.loginguard.testinfra.kafka;

/**
 * One broker per test JVM, with every catalogue topic, started on first use and stopped when the JVM ends.
 * Shared by the Quarkus test resource and the JUnit extension so a JVM never runs two brokers.
 */
public final class SharedKafka {
    private static KafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized KafkaBroker get() {
        if (broker == null) {
            KafkaBroker started = KafkaBroker.startEphemeral().createCatalogueTopics();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-kafka-stop"));
            broker = started;
        }
        return broker;
    }

    public static String bootstrapServers() {
        return get().bootstrapServers();
    }
}
