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

    /** One thread at the sample: its kind ({@link #kind}) and its CPU so far, in clock ticks. */
    private record Task(String kind, long ticks) {
    }

    private final Map<String, Task> tasks; // by thread id

    private ThreadCpu(Map<String, Task> tasks) {
        this.tasks = tasks;
    }

    static ThreadCpu sample(long pid) {
        Map<String, Task> tasks = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path dir : dirs) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    tasks.put(dir.getFileName().toString(), new Task(kind(name), ticks(stat)));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc here, or the process is gone
        }
        return new ThreadCpu(tasks);
    }

    /** User plus system CPU, in clock ticks, of a {@code /proc/<pid>/stat} (or a thread's) line. */
    static long ticks(String stat) {
        // after "pid (comm) ": utime is field 11, stime field 12
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** A process's user plus system CPU in seconds, from {@code /proc/<pid>/stat}. */
    static double processSeconds(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc/" + pid + "/stat"))) / TICKS_PER_SECOND;
    }

    /** A thread name without the number that tells threads of one kind apart. */
    static String kind(String name) {
        return name.replaceAll("[-_ ]?\\d+$", "");
    }

    /** CPU seconds per kind of thread from {@code earlier} to this sample; a thread started since counts whole. */
    Map<String, Double> since(ThreadCpu earlier) {
        Map<String, Double> seconds = new TreeMap<>();
        tasks.forEach((tid, now) -> {
            Task before = earlier.tasks.get(tid);
            seconds.merge(now.kind(), (now.ticks() - (before == null ? 0 : before.ticks())) / TICKS_PER_SECOND,
                    Double::sum);
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
