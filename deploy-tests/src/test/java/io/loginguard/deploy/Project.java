package io.loginguard.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The project's own files, the sources of truth the deployment is checked against. */
final class Project {
    static final List<String> SERVICES = List.of("auth-service", "risk-service", "notification-service", "ticket-service");

    private static final Map<String, Properties> PROPERTIES = new ConcurrentHashMap<>();

    private Project() {
    }

    static Path root() {
        String configured = System.getProperty("loginguard.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("events/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("the project's root (with deploy/ and events/) is not above " + start);
    }

    static String read(Path relative) {
        try {
            return Files.readString(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code src/main/resources/application.properties} of a service (the default profile's keys only). */
    static Properties config(String service) {
        return PROPERTIES.computeIfAbsent(service, s -> {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(root().resolve(s).resolve("src/main/resources/application.properties"))) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        });
    }

    static int httpPort(String service) {
        return Integer.parseInt(config(service).getProperty("quarkus.http.port"));
    }

    static boolean usesDatabase(String service) {
        return config(service).getProperty("quarkus.datasource.db-kind") != null;
    }

    static boolean usesRedis(String service) {
        return config(service).getProperty("quarkus.redis.hosts") != null;
    }

    /** The environment variables the local stack runner ({@code ./loginguard}, {@code service_env}) gives a service. */
    static Set<String> runnerEnv(String service) {
        String script = read(Path.of("loginguard"));
        int start = script.indexOf("service_env() {");
        int end = script.indexOf("\n}\n", start);
        String body = script.substring(start, end);
        Set<String> names = new LinkedHashSet<>();
        Matcher common = Pattern.compile("(?m)^  say \"([A-Z][A-Z0-9_]*)=").matcher(body.substring(0, body.indexOf("case \"$1\" in")));
        while (common.find()) {
            names.add(common.group(1));
        }
        int branch = body.indexOf("    " + service + ")");
        if (branch < 0) {
            throw new IllegalStateException("./loginguard's service_env has no branch for " + service);
        }
        String branchBody = body.substring(branch, body.indexOf(";;", branch));
        Matcher m = Pattern.compile("(?m)^\\s+say \"([A-Z][A-Z0-9_]*)=").matcher(branchBody);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The names without those that end in a key id of the runner's own ({@code LOGINGUARD_NOTIFICATION_SEALING_KEYS_STACK}
     * is a key of id "stack"): a deployment names its keys with its own ids.
     */
    static Set<String> withoutKeyIds(Set<String> names) {
        Set<String> out = new LinkedHashSet<>(names);
        out.removeIf(n -> n.startsWith("LOGINGUARD_NOTIFICATION_SEALING_KEYS_"));
        return out;
    }

    /**
     * The development and test secrets the services ship (constants such as {@code DEV_SEALING_KEY}, {@code @WithDefault}
     * values that start with "dev", and {@code %dev.} / {@code %test.} keys and passwords): a production run refuses
     * them, so a deployment must never use one.
     */
    static Set<String> shippedDevelopmentSecrets() {
        Set<String> values = new LinkedHashSet<>();
        Pattern constant = Pattern.compile("static final String (\\w+) = \"([^\"]+)\"");
        Pattern withDefault = Pattern.compile("@WithDefault\\(\"(dev[^\"]*)\"\\)");
        for (String service : SERVICES) {
            try (var files = Files.walk(root().resolve(service).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(file);
                    Matcher c = constant.matcher(code);
                    while (c.find()) {
                        String name = c.group(1);
                        if (name.matches(".*(KEY|PASSWORD|SECRET).*") && !name.endsWith("PREFIX") && !name.startsWith("REASON")) {
                            values.add(c.group(2));
                        }
                    }
                    Matcher d = withDefault.matcher(code);
                    while (d.find()) {
                        values.add(d.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Properties p = config(service);
            for (String key : p.stringPropertyNames()) {
                // the last segment names a key, password or secret (not e.g. argon2's memory under ...password...)
                if ((key.startsWith("%dev.") || key.startsWith("%test.")) && key.matches(".*((key|password|secret)[^.]*|keys\\.[^.]+)")) {
                    values.add(p.getProperty(key));
                }
            }
        }
        // too short to be a secret (a key id such as "dev")
        values.removeIf(v -> v.length() < 8);
        return values;
    }

    /** A default of the runner, e.g. {@code SMS_PORT="${LOGINGUARD_SMS_PORT:-8095}"}. */
    static String runnerDefault(String variable) {
        Matcher m = Pattern.compile("(?m)^" + variable + "=\"\\$\\{[A-Z_]+:-([^}]*)}\"").matcher(read(Path.of("loginguard")));
        if (!m.find()) {
            throw new IllegalStateException("./loginguard sets no default for " + variable);
        }
        return m.group(1);
    }

    /** A property of the parent pom, e.g. {@code kafka.version}. */
    static String pomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(read(Path.of("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("pom.xml has no property " + name);
        }
        return m.group(1).trim();
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command in the project's root and returns its standard output; fails on a non-zero exit. */
    static String run(String... command) {
        try {
            Path err = Files.createTempFile("deploy-tests", ".err");
            Process p = new ProcessBuilder(command).directory(root().toFile()).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + stderr);
            }
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }
}
