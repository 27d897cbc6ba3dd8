package io.loginguard.replay;

import io.loginguard.events.PipelineHeartbeat;
import io.loginguard.events.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code diff}: compares the risk outputs of two recordings, per account. The outputs are the records of
 * {@code risk.verdicts}, {@code risk.account-state} and {@code risk.decisions} (recognised by the topic name's end,
 * so recordings made under a prefix compare too). For each key (an account id, {@code unknown:…}, or {@code ip:…} for
 * an IP_THROTTLED decision) and each of the three topics, the two recordings must hold the same records in the same
 * order: same value bytes, same headers (event id, type, traceparent...) and same timestamp. Nothing is tolerated.
 * Not compared: the partition (a function of the key) and the offset (transaction markers take offsets, so the same
 * outputs sit at different offsets in two stacks), nor the order between different accounts or different topics,
 * which Kafka does not define. With {@code --ignore-repeats}, a record identical to one already seen for its key and
 * topic is skipped on both sides: at-least-once re-sends after a crash are tolerated, nothing else. Heartbeat echoes ({@code heartbeat:} keys on {@code risk.verdicts}) answer auth's
 * liveness probes, which auth sends on its own clock; they are no decisions and are left out.
 *
 * <p>Records are kept as 128-bit content fingerprints (two independent 64-bit polynomial hashes), so a million
 * outputs fit in memory; the first differences are then read again from the files to be shown in full.
 */
public final class Differ {
    static final List<String> RISK_TOPICS = List.of(Topics.RISK_VERDICTS, Topics.RISK_ACCOUNT_STATE, Topics.RISK_DECISIONS);

    private final int maxShown;
    private final PrintStream out;
    private final boolean ignoreRepeats;

    public Differ(int maxShown, PrintStream out) {
        this(maxShown, out, false);
    }

    /**
     * @param ignoreRepeats skip a record identical (value, headers, timestamp) to one seen before for the same key and
     *                      topic: what risk sends again when it reads inputs again after a crash (at-least-once), so
     *                      that a killed run compares with an uninterrupted one "modulo repeats"
     */
    public Differ(int maxShown, PrintStream out, boolean ignoreRepeats) {
        this.maxShown = maxShown;
        this.out = out;
        this.ignoreRepeats = ignoreRepeats;
    }

    /** Which records count: all of them, or each distinct one once per topic and key (the first time it comes). */
    private final class Filter {
        private final Map<String, java.util.Set<String>> seen = new HashMap<>();

        boolean counts(String topic, String key, long a, long b) {
            return !ignoreRepeats || seen.computeIfAbsent(topic + "\u0000" + key, k -> new java.util.HashSet<>())
                    .add(Long.toHexString(a) + ":" + Long.toHexString(b));
        }
    }

    /** A difference: at {@code index} in key {@code key}'s records of {@code topic}. */
    public record Difference(String key, String topic, int index, String what) {
    }

    public record Result(boolean identical, long recordsA, long recordsB, int keys, List<Difference> differences) {
    }

    /** Fingerprints per topic, then per key, in file order. */
    private static final class Outputs {
        final Map<String, Map<String, long[]>> byTopic = new HashMap<>();
        final Map<String, Map<String, Integer>> sizes = new HashMap<>();
        long records;

        void add(String topic, String key, long a, long b) {
            Map<String, long[]> keys = byTopic.computeIfAbsent(topic, t -> new HashMap<>());
            Map<String, Integer> n = sizes.computeIfAbsent(topic, t -> new HashMap<>());
            int size = n.getOrDefault(key, 0);
            long[] list = keys.get(key);
            if (list == null || list.length < 2 * (size + 1)) {
                list = list == null ? new long[8] : Arrays.copyOf(list, list.length * 2);
                keys.put(key, list);
            }
            list[2 * size] = a;
            list[2 * size + 1] = b;
            n.put(key, size + 1);
            records++;
        }

        int size(String topic, String key) {
            return sizes.getOrDefault(topic, Map.of()).getOrDefault(key, 0);
        }

        long[] list(String topic, String key) {
            return byTopic.getOrDefault(topic, Map.of()).get(key);
        }
    }

    static String riskTopic(String topic) {
        for (String t : RISK_TOPICS) {
            if (topic.endsWith(t)) { // the name, or the name under a prefix
                return t;
            }
        }
        return null;
    }

    private Outputs read(Path file) throws IOException {
        Outputs o = new Outputs();
        Filter filter = new Filter();
        JsonLines.forEach(file, r -> {
            String topic = riskTopic(r.topic());
            if (topic != null && !heartbeat(r)) {
                long a = fingerprint(r, 0x100000001B3L, 0xcbf29ce484222325L);
                long b = fingerprint(r, 0x9E3779B97F4A7C15L, 0x6A09E667F3BCC909L);
                if (filter.counts(topic, key(r), a, b)) {
                    o.add(topic, key(r), a, b);
                }
            }
        });
        return o;
    }

    /** auth's liveness probes, answered by risk on risk.verdicts: sent on auth's clock, not decisions (ARCHITECTURE.md). */
    static boolean heartbeat(ReplayRecord r) {
        return r.key() != null && r.keyString().startsWith(PipelineHeartbeat.KEY_PREFIX);
    }

    static String key(ReplayRecord r) {
        return r.key() == null ? "(null key)" : r.keyString();
    }

    static long fingerprint(ReplayRecord r, long multiplier, long seed) {
        long h = seed;
        h = h * multiplier + r.timestamp();
        h = mix(h, multiplier, r.value());
        for (ReplayRecord.Header header : r.headers()) {
            h = mix(h, multiplier, header.key().getBytes(StandardCharsets.UTF_8));
            h = mix(h, multiplier, header.value());
        }
        return h;
    }

    private static long mix(long h, long multiplier, byte[] bytes) {
        if (bytes == null) {
            return h * multiplier - 1;
        }
        h = h * multiplier + bytes.length;
        for (byte b : bytes) {
            h = h * multiplier + (b & 0xff);
        }
        return h;
    }

    public Result diff(Path a, Path b) throws IOException {
        Outputs left = read(a);
        Outputs right = read(b);
        List<Difference> differences = new ArrayList<>();
        TreeSet<String> allKeys = new TreeSet<>();
        for (String topic : RISK_TOPICS) {
            allKeys.addAll(left.sizes.getOrDefault(topic, Map.of()).keySet());
            allKeys.addAll(right.sizes.getOrDefault(topic, Map.of()).keySet());
        }
        for (String key : allKeys) {
            for (String topic : RISK_TOPICS) {
                int na = left.size(topic, key);
                int nb = right.size(topic, key);
                long[] la = left.list(topic, key);
                long[] lb = right.list(topic, key);
                int common = Math.min(na, nb);
                int first = -1;
                for (int i = 0; i < common; i++) {
                    if (la[2 * i] != lb[2 * i] || la[2 * i + 1] != lb[2 * i + 1]) {
                        first = i;
                        break;
                    }
                }
                if (first >= 0) {
                    differences.add(new Difference(key, topic, first, "record #" + (first + 1) + " differs"));
                } else if (na != nb) {
                    differences.add(new Difference(key, topic, common, "A has " + na + " records, B has " + nb
                            + (na > nb ? "; A's record #" + (common + 1) + " is the first B lacks"
                            : "; B's record #" + (common + 1) + " is the first A lacks")));
                }
            }
        }
        return new Result(differences.isEmpty(), left.records, right.records, allKeys.size(), differences);
    }

    /** Prints a summary and the first differences, each with both records in full. */
    public void report(Path a, Path b, Result result) throws IOException {
        out.printf("A: %s (%d risk output records)%nB: %s (%d risk output records)%n", a, result.recordsA(), b,
                result.recordsB());
        if (result.identical()) {
            out.printf("identical%s: %d keys, every verdict, account state and decision the same, in the same order%n",
                    ignoreRepeats ? " (repeats ignored)" : "", result.keys());
            return;
        }
        long accounts = result.differences().stream().map(Difference::key).distinct().count();
        out.printf("DIFFERENT: %d of %d keys differ (%d topic sequences); the first %d:%n", accounts, result.keys(),
                result.differences().size(), Math.min(maxShown, result.differences().size()));
        List<Difference> shown = result.differences().subList(0, Math.min(maxShown, result.differences().size()));
        Map<String, ReplayRecord> inA = pick(a, shown);
        Map<String, ReplayRecord> inB = pick(b, shown);
        for (Difference d : shown) {
            out.printf("%n%s %s: %s%n", d.key(), d.topic(), d.what());
            out.println("  A: " + describe(inA.get(place(d))));
            out.println("  B: " + describe(inB.get(place(d))));
        }
    }

    private static String place(Difference d) {
        return d.topic() + "\u0000" + d.key() + "\u0000" + d.index();
    }

    private Map<String, ReplayRecord> pick(Path file, List<Difference> wanted) throws IOException {
        Map<String, ReplayRecord> found = new TreeMap<>();
        Filter filter = new Filter();
        java.util.Set<String> places = new java.util.HashSet<>();
        wanted.forEach(d -> places.add(place(d)));
        Map<String, Integer> index = new HashMap<>();
        JsonLines.forEach(file, r -> {
            String topic = riskTopic(r.topic());
            if (topic == null || heartbeat(r) || !filter.counts(topic, key(r),
                    fingerprint(r, 0x100000001B3L, 0xcbf29ce484222325L),
                    fingerprint(r, 0x9E3779B97F4A7C15L, 0x6A09E667F3BCC909L))) {
                return;
            }
            String k = topic + "\u0000" + key(r);
            int i = index.merge(k, 1, Integer::sum) - 1;
            String p = k + "\u0000" + i;
            if (places.contains(p)) {
                found.put(p, r);
            }
        });
        return found;
    }

    private static String describe(ReplayRecord r) {
        if (r == null) {
            return "(none)";
        }
        String value = r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8);
        return "offset " + r.offset() + ", timestamp " + r.timestamp() + ", headers " + r.headers() + ", value " + value;
    }
}
