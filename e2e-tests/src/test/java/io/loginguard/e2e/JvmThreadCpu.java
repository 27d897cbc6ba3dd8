package io.loginguard.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The CPU of this JVM's threads by their whole names ({@link ThreadMXBean}), where {@link ThreadCpu} sees only the
 * first 15 characters Linux keeps: in the benches this JVM runs the broker, whose request handlers and network
 * threads both start with {@code data-plane-kafk}. Threads of one kind are summed under their name without its
 * number (and without the listener's name that follows a network thread's).
 */
final class JvmThreadCpu {
    private final Map<Long, Long> nanos; // by thread id
    private final Map<Long, String> kinds;

    private JvmThreadCpu(Map<Long, Long> nanos, Map<Long, String> kinds) {
        this.nanos = nanos;
        this.kinds = kinds;
    }

    static JvmThreadCpu sample() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, String> kinds = new HashMap<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = mx.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                nanos.put(info.getThreadId(), cpu);
                kinds.put(info.getThreadId(), kind(info.getThreadName()));
            }
        }
        return new JvmThreadCpu(nanos, kinds);
    }

    static String kind(String name) {
        return ThreadCpu.kind(name.replaceAll("-ListenerName\\(.*$", ""));
    }

    /** The {@code top} kinds of thread by CPU since {@code earlier}, "name 1.2 s (45 us an item)". */
    String describeSince(JvmThreadCpu earlier, int top, long items) {
        Map<String, Long> byKind = new TreeMap<>();
        nanos.forEach((id, now) -> byKind.merge(kinds.get(id), now - earlier.nanos.getOrDefault(id, 0L), Long::sum));
        return byKind.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(top)
                .map(e -> String.format("%s %.1f s (%.0f us)", e.getKey(), e.getValue() / 1e9, e.getValue() / 1e3 / items))
                .collect(Collectors.joining(", "));
    }
}
