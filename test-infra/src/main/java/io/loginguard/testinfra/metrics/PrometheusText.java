package io.loginguard.testinfra.metrics;

import java.util.Arrays;

/**
 * Reads samples out of a Prometheus text exposition (what a service's {@code /q/metrics} answers), exemplars
 * (which OpenTelemetry adds to counters) ignored.
 */
public final class PrometheusText {
    private PrometheusText() {
    }

    /**
     * The sum of the samples of the metric whose labels include every one given (as written, e.g.
     * {@code type="LOCKED"}); 0 when there is none.
     */
    public static double sum(String exposition, String name, String... labels) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            // the value follows the series; an exemplar ("# {trace_id=...} 1.0 <time>") may follow the value
            int end = line.startsWith(name + "{") ? line.indexOf("} ") + 1 : name.length();
            String series = line.substring(0, end);
            String value = line.substring(end + 1).split(" ", 2)[0];
            if (Arrays.stream(labels).allMatch(series::contains)) {
                sum += Double.parseDouble(value);
            }
        }
        return sum;
    }
}
