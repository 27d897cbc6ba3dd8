package io.loginguard.e2e;

import static org.awaitility.Awaitility.await;

import io.loginguard.testinfra.kafka.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as its own process. */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String JSON_LOGS = "quarkus.log.console.json.enabled";

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final Map<String, String> config;

    private ServiceProcess(String name, int port, Process process, Path log, Map<String, String> config) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.config = Map.copyOf(config);
    }

    /** A configuration value the service was started with. */
    public String config(String key) {
        return config.get(key);
    }

    /** All the configuration the service was started with (to start another node like it). */
    public Map<String, String> config() {
        return config;
    }

    /** Starts the service with the given configuration (as -D properties) and waits until it is ready. */
    public static ServiceProcess start(String module, String instance, Map<String, String> config) throws IOException {
        ServiceProcess service = launch(module, instance, config);
        service.awaitReady(Duration.ofSeconds(120));
        return service;
    }

    /** Starts the service with the given configuration (as -D properties) and returns at once. */
    public static ServiceProcess launch(String module, String instance, Map<String, String> config) throws IOException {
        return launch(module, instance, config, Map.of());
    }

    /** As {@link #launch(String, String, Map)}, with extra environment variables for the process. */
    public static ServiceProcess launch(String module, String instance, Map<String, String> config,
                                        Map<String, String> environment) throws IOException {
        Path root = projectRoot();
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw -B verify builds them before e2e-tests)");
        }
        // a port the caller chose (e.g. to name it in the service's own config), else a free one
        int port = config.containsKey("quarkus.http.port") ? Integer.parseInt(config.get("quarkus.http.port"))
                : KafkaBroker.freePort();
        List<String> cmd = new ArrayList<>(List.of(javaBinary()));
        // the JVM options ./loginguard up uses (jvm_options_of), or -Dbench.jvm.<module>="<options>": a benchmark's
        // experiment with them (heap, GC, JIT)
        String jvm = module.equals("auth-service")
                ? "-Xmx128m -Xmn20m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:TieredStopAtLevel=1"
                : "-Xmx256m -XX:+UseSerialGC";
        cmd.addAll(List.of(System.getProperty("bench.jvm." + module, jvm).trim().split("\\s+")));
        cmd.add("-Dquarkus.http.port=" + port);
        // the packaged services log JSON (their prod profile, as deployed): readable text here, unless the test asks
        if (!config.containsKey(JSON_LOGS) && !environment.containsKey("QUARKUS_LOG_CONSOLE_JSON_ENABLED")) {
            cmd.add("-D" + JSON_LOGS + "=false");
        }
        config.forEach((k, v) -> {
            if (!k.equals("quarkus.http.port")) {
                cmd.add("-D" + k + "=" + v);
            }
        });
        cmd.addAll(List.of("-jar", jar.toString()));
        Path logDir = root.resolve("e2e-tests/target/e2e-logs");
        Files.createDirectories(logDir);
        Path log = logDir.resolve(instance + ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        ServiceProcess service = new ServiceProcess(instance, port, p, log, config);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        return service;
    }

    /** Waits until the service reports ready (HTTP 200 on /q/health/ready), failing with its log's tail. */
    public void awaitReady(Duration within) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + log);
                }
                return isReady();
            });
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " did not become ready; log tail:\n" + tail(), e);
        }
    }

    /** Whether the service answers HTTP at all (ready or not): its start is over. */
    public boolean answers() {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isReady() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The operating system's process id (to read its CPU time and memory from /proc). */
    public long pid() {
        return process.pid();
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Every line the service wrote to stdout and stderr so far. */
    public List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    static Path projectRoot() {
        String configured = System.getProperty("loginguard.root");
        Path start = Path.of(configured != null ? configured : System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("e2e-tests")) && Files.exists(p.resolve("auth-service"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root from " + start);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
