package io.loginguard.e2e;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus histogram read off {@code /q/metrics} (cumulative bucket counts by upper bound), so the
 * buckets of several nodes and two points in time can be added and subtracted before taking quantiles.
 */
final class LatencyBuckets {
    private final TreeMap<Double, Double> cumulative;

    private LatencyBuckets(TreeMap<Double, Double> cumulative) {
        this.cumulative = cumulative;
    }

    static LatencyBuckets parse(String metrics, String name) {
        Pattern p = Pattern.compile("^" + Pattern.quote(name) + "_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*}\\s+([0-9.eE+-]+)",
                Pattern.MULTILINE);
        TreeMap<Double, Double> counts = new TreeMap<>();
        Matcher m = p.matcher(metrics);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            counts.merge(le, Double.parseDouble(m.group(2)), Double::sum);
        }
        return new LatencyBuckets(counts);
    }

    LatencyBuckets plus(LatencyBuckets other) {
        TreeMap<Double, Double> sum = new TreeMap<>(cumulative);
        other.cumulative.forEach((k, v) -> sum.merge(k, v, Double::sum));
        return new LatencyBuckets(sum);
    }

    LatencyBuckets minus(LatencyBuckets earlier) {
        TreeMap<Double, Double> diff = new TreeMap<>();
        cumulative.forEach((k, v) -> diff.put(k, v - earlier.cumulative.getOrDefault(k, 0.0)));
        return new LatencyBuckets(diff);
    }

    double count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /** The q-quantile in milliseconds, interpolated linearly inside its bucket (as histogram_quantile does). */
    double quantileMillis(double q) {
        double rank = q * count();
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= rank) {
                if (e.getKey().isInfinite()) {
                    return lowerBound * 1000;
                }
                double inBucket = e.getValue() - lowerCount;
                double fraction = inBucket == 0 ? 1 : (rank - lowerCount) / inBucket;
                return (lowerBound + (e.getKey() - lowerBound) * fraction) * 1000;
            }
            lowerBound = e.getKey();
            lowerCount = e.getValue();
        }
        return Double.NaN;
    }
}
