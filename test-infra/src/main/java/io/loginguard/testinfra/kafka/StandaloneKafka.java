package io.loginguard.testinfra.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.Uuid;

/**
 * The local stack's broker as its own process: {@code StandaloneKafka --port 9092 --controller-port 9093
 * --data-dir .loginguard/kafka}. Formats the storage on first use and keeps data across restarts, creates
 * the catalogue's topics, prints {@code LOGINGUARD-KAFKA READY localhost:<port>} and runs until terminated.
 */
public final class StandaloneKafka {
    private StandaloneKafka() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 9092;
        int controllerPort = 9093;
        Path dataDir = Path.of(".loginguard/kafka");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--controller-port" -> controllerPort = Integer.parseInt(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: StandaloneKafka --port N --controller-port N --data-dir DIR");
            }
        }
        Files.createDirectories(dataDir);
        KafkaBroker broker = KafkaBroker.startPersistent(port, controllerPort, dataDir.resolve("log"), clusterId(dataDir));
        broker.createCatalogueTopics();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-stop"));
        System.out.println("LOGINGUARD-KAFKA READY " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }

    /** The cluster id lives beside the data, so a restart finds the storage it formatted. */
    private static String clusterId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("cluster-id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id, StandardCharsets.UTF_8);
        return id;
    }
}
