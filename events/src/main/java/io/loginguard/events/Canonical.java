package io.loginguard.events;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Immutable, sorted copies of an event's collections. {@code Set.copyOf} and {@code Map.copyOf} iterate in an
 * order that changes from one JVM run to the next, which would make a replay's JSON differ byte for byte.
 */
public final class Canonical {
    private Canonical() {
    }

    public static <T extends Comparable<? super T>> SortedSet<T> set(Set<T> values) {
        return values == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    public static SortedMap<String, String> map(Map<String, String> values) {
        return values == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }
}
