package io.loginguard.e2e;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * How many requests of each kind (Produce, Fetch, OffsetCommit...) the broker has handled, from its own meters
 * ({@code kafka.network:type=RequestMetrics,name=RequestsPerSec}), read in this JVM: the benches run the broker in
 * theirs. Fetches are counted apart for consumers and for followers ({@code FetchConsumer}, {@code FetchFollower})
 * as the broker does; with no broker in this JVM the counts are empty.
 */
final class BrokerRequests {
    private BrokerRequests() {
    }

    /** Requests handled so far, by kind. */
    static Map<String, Long> count() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Long> counts = new TreeMap<>();
        try {
            Set<ObjectName> names = server.queryNames(
                    new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null);
            for (ObjectName name : names) {
                long n = ((Number) server.getAttribute(name, "Count")).longValue();
                counts.merge(name.getKeyProperty("request"), n, Long::sum); // summed over request versions
            }
        } catch (JMException e) {
            throw new IllegalStateException("reading the broker's request meters", e);
        }
        return counts;
    }

    /** Requests handled since {@code before}, by kind. */
    static Map<String, Long> since(Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        count().forEach((kind, n) -> delta.put(kind, n - before.getOrDefault(kind, 0L)));
        return delta;
    }

    /** "Produce 3.1, FetchConsumer 12.0, ...": each kind with any request, divided by {@code per}. */
    static String describePer(Map<String, Long> counts, long per) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / (double) per))
                .collect(Collectors.joining(", "));
    }
}
