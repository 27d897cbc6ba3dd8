package io.loginguard.risk.device;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * New device: a successful password from a device id the account never logged in with is worth an alert (a
 * NEW_DEVICE decision), not a block. The account's first device is not news. Devices are remembered up to a limit;
 * the least recently used is forgotten first.
 */
public final class DeviceNoveltyRule {
    private final int maxKnown;

    public DeviceNoveltyRule(int maxKnown) {
        this.maxKnown = maxKnown;
    }

    /**
     * Records a successful login with {@code deviceId} at {@code at}.
     *
     * @param known device id → time of its latest successful login
     */
    public Assessment assess(SortedMap<String, Instant> known, String deviceId, Instant at) {
        if (deviceId == null || deviceId.isBlank()) {
            return new Assessment(known, false);
        }
        TreeMap<String, Instant> next = new TreeMap<>(known);
        boolean isNew = !known.isEmpty() && !known.containsKey(deviceId);
        next.merge(deviceId, at, (a, b) -> a.isAfter(b) ? a : b);
        while (next.size() > maxKnown) {
            next.entrySet().stream()
                    .min(Comparator.comparing((Map.Entry<String, Instant> e) -> e.getValue())
                            .thenComparing(Map.Entry::getKey))
                    .map(Map.Entry::getKey).ifPresent(next::remove);
        }
        return new Assessment(next, isNew);
    }

    public record Assessment(SortedMap<String, Instant> known, boolean isNew) {
    }
}
