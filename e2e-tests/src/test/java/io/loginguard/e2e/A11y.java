package io.loginguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (the committed {@code axe/axe.min.js}, see its README) run on every page a {@link Browser} shows: the
 * violations are collected, and {@link #assertNoSeriousOrCritical()} fails on any of impact serious or critical;
 * the others are printed. A page (path and title) is checked once per run.
 */
final class A11y {
    static final String AXE_VERSION = "4.14.1";
    private static final String AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c";
    private static final String AXE = load();

    record Violation(String page, String rule, String impact, String help, List<String> targets) {
        boolean blocking() {
            return "serious".equals(impact) || "critical".equals(impact);
        }

        @Override
        public String toString() {
            return impact + " " + rule + " on " + page + ": " + help + " " + targets;
        }
    }

    private final Set<String> checked = new LinkedHashSet<>();
    private final List<Violation> violations = new ArrayList<>();

    /** Runs axe on the page the driver shows now, unless this page was checked already. */
    synchronized void check(WebDriver driver) {
        String page = path(driver.getCurrentUrl()) + " \"" + driver.getTitle() + "\"";
        if (!checked.add(page)) {
            return;
        }
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // WebDriver's scripts are not subject to the page's Content-Security-Policy (script-src 'self'): no bypass needed
        js.executeScript(AXE);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        targets: v.nodes.map(n => n.target.join(' '))})))))
                   .catch(e => done('error: ' + e));
                """);
        String json = String.valueOf(result);
        assertThat(json).as("axe on " + page).doesNotStartWith("error:");
        for (JsonNode v : Scenario.json(json)) {
            List<String> targets = new ArrayList<>();
            v.get("targets").forEach(t -> targets.add(t.asText()));
            violations.add(new Violation(page, v.get("id").asText(), v.path("impact").asText(), v.get("help").asText(), targets));
        }
    }

    synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    synchronized Set<String> pagesChecked() {
        return Set.copyOf(checked);
    }

    /** Prints every violation found, and fails when one of them is serious or critical. */
    synchronized void assertNoSeriousOrCritical() {
        System.out.println("axe-core " + AXE_VERSION + ": " + checked.size() + " pages checked");
        checked.forEach(p -> System.out.println("  checked " + p));
        violations.forEach(v -> System.out.println("  axe: " + v));
        assertThat(violations.stream().filter(Violation::blocking).map(Violation::toString).toList())
                .as("serious or critical accessibility violations").isEmpty();
    }

    private static String path(String url) {
        try {
            String path = URI.create(url).getPath();
            return path != null ? path : url.substring(0, Math.min(url.length(), 40));
        } catch (IllegalArgumentException e) {
            return url.substring(0, Math.min(url.length(), 40));
        }
    }

    private static String load() {
        try (InputStream in = A11y.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
            }
            byte[] bytes = in.readAllBytes();
            String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!sum.equals(AXE_SHA256)) {
                throw new IllegalStateException("axe/axe.min.js is not axe-core " + AXE_VERSION + "'s (sha-256 " + sum + ")");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
