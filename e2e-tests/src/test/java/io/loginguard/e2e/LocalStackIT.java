package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.testinfra.Settings;
import io.loginguard.testinfra.net.FreePorts;
import io.loginguard.testinfra.redis.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The local stack runner as a newcomer drives it: {@code ./loginguard up} twice, for two stacks on one machine
 * (each with its own state directory, as two clones have), against the one PostgreSQL and Redis. Both become
 * ready with no request sent; the second never sees the first's accounts; a stack refuses to start on ports
 * another stack holds and names it; {@code reset --yes} leaves nothing of a stack in PostgreSQL or Redis.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {
    private static final Path ROOT = Path.of(System.getProperty("loginguard.root", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String EMAIL = "alice-localstack@example.com";
    private static final String PASSWORD = "Correct1horse-Battery";

    private static LocalStack first;
    private static LocalStack second;

    @AfterAll
    static void wipe() throws Exception {
        for (LocalStack stack : new LocalStack[] {first, second}) {
            if (stack != null) {
                stack.run(Duration.ofMinutes(2), "reset", "--yes");
            }
        }
    }

    @Test
    @Order(1)
    void aFirstStackComesUpReadyWithoutAnyRequestAndKeepsItsAccount() throws Exception {
        first = LocalStack.create("first");
        Result up = first.run(Duration.ofMinutes(4), "up");
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output()).contains("auth-service: ready").contains("Stack " + first.id());

        HttpResponse<String> registered = first.post("/api/v1/accounts", credentials());
        assertThat(registered.statusCode()).as(registered.body()).isBetween(200, 299);
        assertThat(first.accountRows()).isEqualTo(1);
        assertThat(first.loginStatus()).as("the owner's right password on the stack that holds the account")
                .isNotEqualTo(401);
    }

    @Test
    @Order(2)
    void aSecondStackRefusesThePortsTheFirstHoldsAndNamesIt() throws Exception {
        LocalStack clash = LocalStack.create("clash", first.ports);
        Result up = clash.run(Duration.ofMinutes(2), "up");
        assertThat(up.exit()).isNotZero();
        assertThat(up.output()).contains("ports are taken").contains("of the Loginguard stack");
        clash.run(Duration.ofMinutes(1), "reset", "--yes");
    }

    @Test
    @Order(3)
    void afterDownASecondStackIsReadyWithoutAnyRequestAndDoesNotSeeTheFirstsAccounts() throws Exception {
        Result down = first.run(Duration.ofMinutes(1), "down");
        assertThat(down.exit()).as(down.output()).isZero();

        second = LocalStack.create("second");
        Result up = second.run(Duration.ofMinutes(4), "up");
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(second.id()).isNotEqualTo(first.id());

        assertThat(second.accountRows()).isZero();
        assertThat(second.loginStatus()).as("the first stack's account is unknown here").isEqualTo(401);
        HttpResponse<String> registered = second.post("/api/v1/accounts", credentials());
        assertThat(registered.statusCode()).as("the same address registers afresh").isBetween(200, 299);
        assertThat(first.accountRows()).as("and the first stack still has only its own").isEqualTo(1);
    }

    @Test
    @Order(4)
    void downThenUpKeepsTheStacksData() throws Exception {
        assertThat(second.run(Duration.ofMinutes(1), "down").exit()).isZero();
        Result up = second.run(Duration.ofMinutes(4), "up");
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(second.accountRows()).isEqualTo(1);
        assertThat(second.loginStatus()).isNotEqualTo(401);
    }

    @Test
    @Order(5)
    void resetLeavesNothingOfTheStackInPostgresOrRedis() throws Exception {
        assertThat(second.redisKeys()).as("a used stack has keys under its prefix").isPositive();
        Result reset = second.run(Duration.ofMinutes(2), "reset", "--yes");
        assertThat(reset.exit()).as(reset.output()).isZero();
        assertThat(second.databases()).isEmpty();
        assertThat(second.redisKeys()).isZero();
        assertThat(second.stateDir.resolve("kafka")).doesNotExist();
        assertThat(first.databases()).as("the other stack's data is not touched").isNotEmpty();
    }

    private static String credentials() {
        return "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    record Result(int exit, String output) {
    }

    /** One stack: a state directory of its own and free ports, driven through the script. */
    static final class LocalStack {
        final Path stateDir;
        final Map<String, Integer> ports;

        private LocalStack(Path stateDir, Map<String, Integer> ports) {
            this.stateDir = stateDir;
            this.ports = ports;
        }

        static LocalStack create(String name) throws IOException {
            Map<String, Integer> ports = new HashMap<>();
            for (String p : List.of("AUTH", "RISK", "NOTIFICATION", "TICKET", "KAFKA", "KAFKA_CONTROLLER", "SMTP", "IMAP",
                    "MAIL_API", "SMS")) {
                ports.put(p, FreePorts.next());
            }
            return create(name, ports);
        }

        static LocalStack create(String name, Map<String, Integer> ports) throws IOException {
            return new LocalStack(Files.createTempDirectory("loginguard-stack-" + name), ports);
        }

        Result run(Duration timeout, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add("bash");
            command.add(ROOT.resolve("loginguard").toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put("LOGINGUARD_STATE_DIR", stateDir.toString());
            env.put("LOGINGUARD_NO_BUILD", "1");
            ports.forEach((k, v) -> env.put("LOGINGUARD_" + k + "_PORT", Integer.toString(v)));
            Path log = Files.createTempFile("loginguard-run", ".log");
            builder.redirectOutput(log.toFile());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log);
            Files.deleteIfExists(log);
            System.out.printf("--- ./loginguard %s (%s)%n%s%n", String.join(" ", args), stateDir, output);
            return new Result(process.isAlive() ? -1 : process.exitValue(), output);
        }

        String id() throws IOException {
            return Files.readString(stateDir.resolve("stack-id")).trim();
        }

        HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + ports.get("AUTH") + path))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }

        int loginStatus() throws IOException, InterruptedException {
            return post("/api/v1/sessions", credentials()).statusCode();
        }

        long accountRows() throws SQLException, IOException {
            try (Connection c = connect("loginguard_" + id() + "_auth");
                    ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM accounts")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        List<String> databases() throws SQLException, IOException {
            List<String> names = new ArrayList<>();
            try (Connection c = connect("postgres");
                    ResultSet rs = c.createStatement().executeQuery(
                            "SELECT datname FROM pg_database WHERE datname LIKE 'loginguard\\_" + id() + "\\_%'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }

        long redisKeys() throws IOException {
            return RedisServer.fromEnvironment().countKeys("lg:" + id() + ":");
        }

        private static Connection connect(String database) throws SQLException {
            String url = "jdbc:postgresql://" + Settings.get("LOGINGUARD_PG_HOST", "127.0.0.1") + ":"
                    + Settings.get("LOGINGUARD_PG_PORT", "5432") + "/" + database;
            return DriverManager.getConnection(url, Settings.get("LOGINGUARD_PG_USER", "postgres"),
                    Settings.get("LOGINGUARD_PG_PASSWORD", ""));
        }
    }
}
