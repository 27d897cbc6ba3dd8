package io.loginguard.e2e;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The CPU a process's threads have used, per thread, from {@code /proc/<pid>/task/<tid>/stat} (user plus system
 * time): two samples give what each kind of thread spent between them, which is how BENCHMARKS.md splits a service's
 * CPU into its stream thread, compilers, RocksDB, producer... Linux keeps the first 15 characters of a thread's
 * name; numbered threads of one kind ({@code executor-thread-3}, {@code C2 CompilerThread1}) are summed under one
 * name. A thread that ended between the samples is not counted, so take them while the process is in its steady
 * state. Where there is no {@code /proc}, a sample is empty.
 */
final class ThreadCpu {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on every Linux this project runs on

    private final Map<String, Long> ticksByThread; // "<tid>" -> ticks
    private final Map<String, String> nameByThread;

    private ThreadCpu(Map<String, Long> ticksByThread, Map<String, String> nameByThread) {
        this.ticksByThread = ticksByThread;
        this.nameByThread = nameByThread;
    }

    static ThreadCpu sample(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after "tid (comm) ": utime is field 11, stime field 12, in clock ticks
                    ticks.put(task.getFileName().toString(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    names.put(task.getFileName().toString(), kind(name));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc here, or the process is gone
        }
        return new ThreadCpu(ticks, names);
    }

    /** A thread name without the number that tells threads of one kind apart. */
    static String kind(String name) {
        return name.replaceAll("[-_ ]?\\d+$", "");
    }

    /** CPU seconds per kind of thread from {@code earlier} to this sample; a thread started since counts whole. */
    Map<String, Double> since(ThreadCpu earlier) {
        Map<String, Double> seconds = new TreeMap<>();
        ticksByThread.forEach((tid, now) -> {
            long before = earlier.ticksByThread.getOrDefault(tid, 0L);
            seconds.merge(nameByThread.get(tid), (now - before) / TICKS_PER_SECOND, Double::sum);
        });
        return seconds;
    }

    /** The {@code top} kinds of thread by CPU from {@code earlier}, "name 12.3 s (45 us an item)", largest first. */
    String describeSince(ThreadCpu earlier, int top, long items) {
        return since(earlier).entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .map(e -> e.getKey() + String.format(" %.1f s (%s)", e.getValue(), share(e.getValue() / items)))
                .collect(Collectors.joining(", "));
    }

    private static String share(double seconds) {
        return seconds >= 1e-3 ? String.format("%.1f ms", seconds * 1e3) : String.format("%.0f us", seconds * 1e6);
    }
}
