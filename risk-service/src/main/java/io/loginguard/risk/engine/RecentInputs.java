package io.loginguard.risk.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The ids of the latest inputs applied to an account, oldest first, each with the slot under which its outputs are
 * kept ({@code <account key>/#<slot>} in the store {@code account-risk}). A new input takes the slot of the one that
 * falls off, so its outputs overwrite the old ones: no deletion, and no changelog tombstone, per input.
 *
 * <p>In JSON, one base64 string of 18 bytes an input (the id's two longs, the slot as a short), instead of an array
 * of UUID strings: reading 32 strings was a seventh of the account processor's time. The older form, an array of
 * id strings whose outputs are kept under {@code <account key>/<id>}, is still read: those inputs have
 * {@link #LEGACY_SLOT}, and the first inputs applied after an upgrade retire them with a deletion each.
 */
public final class RecentInputs {
    /** The slot of an input remembered by the older format: its outputs are under its id, not a slot. */
    public static final int LEGACY_SLOT = -1;
    /** The most slots there can be (so a slot fits the format's short). */
    public static final int MAX_SLOTS = Short.MAX_VALUE;
    public static final RecentInputs EMPTY = new RecentInputs(new long[0], new long[0], new short[0]);
    private static final int ENTRY_BYTES = 18;

    private final long[] most;
    private final long[] least;
    private final short[] slots;

    private RecentInputs(long[] most, long[] least, short[] slots) {
        this.most = most;
        this.least = least;
        this.slots = slots;
    }

    /** One remembered input: its id and its slot ({@link #LEGACY_SLOT} for the older format). */
    public record Entry(UUID id, int slot) {
    }

    /**
     * The inputs after one was added.
     *
     * @param inputs    the remembered inputs, the new one last
     * @param slot      the new input's slot
     * @param forgotten the inputs that fell off whose outputs must be deleted: not the one whose slot the new input
     *                  took (its outputs are overwritten)
     */
    public record Added(RecentInputs inputs, int slot, List<Entry> forgotten) {
    }

    public int size() {
        return slots.length;
    }

    public Entry get(int index) {
        return new Entry(new UUID(most[index], least[index]), slots[index]);
    }

    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            entries.add(get(i));
        }
        return entries;
    }

    /** The remembered input with this id, or null. */
    public Entry find(UUID id) {
        long m = id.getMostSignificantBits();
        long l = id.getLeastSignificantBits();
        for (int i = slots.length - 1; i >= 0; i--) {
            if (most[i] == m && least[i] == l) {
                return get(i);
            }
        }
        return null;
    }

    /**
     * Remembers {@code id} as the newest input, keeping at most {@code limit}. The new input takes the slot of the
     * oldest input that falls off and has one; if none falls off (or only older-format ones), the smallest slot no
     * kept input uses. Deterministic, so a replay writes the same keys.
     */
    public Added adding(UUID id, int limit) {
        if (limit < 1 || limit > MAX_SLOTS) {
            throw new IllegalArgumentException("limit out of range: " + limit);
        }
        int n = size();
        int drop = Math.max(0, n + 1 - limit);
        int slot = LEGACY_SLOT;
        List<Entry> forgotten = new ArrayList<>();
        for (int i = 0; i < drop; i++) {
            if (slot == LEGACY_SLOT && slots[i] != LEGACY_SLOT) {
                slot = slots[i];
            } else {
                forgotten.add(get(i));
            }
        }
        if (slot == LEGACY_SLOT) {
            slot = smallestFreeSlot(drop, limit);
        }
        int kept = n - drop;
        long[] m = new long[kept + 1];
        long[] l = new long[kept + 1];
        short[] s = new short[kept + 1];
        System.arraycopy(most, drop, m, 0, kept);
        System.arraycopy(least, drop, l, 0, kept);
        System.arraycopy(slots, drop, s, 0, kept);
        m[kept] = id.getMostSignificantBits();
        l[kept] = id.getLeastSignificantBits();
        s[kept] = (short) slot;
        return new Added(new RecentInputs(m, l, s), slot, List.copyOf(forgotten));
    }

    /** The smallest slot that no input from {@code from} on uses: below {@code limit}, as at most limit - 1 remain. */
    private int smallestFreeSlot(int from, int limit) {
        boolean[] used = new boolean[limit];
        for (int i = from; i < slots.length; i++) {
            if (slots[i] >= 0 && slots[i] < limit) {
                used[slots[i]] = true;
            }
        }
        int slot = 0;
        while (used[slot]) {
            slot++;
        }
        return slot;
    }

    @JsonValue
    public String toJson() {
        ByteBuffer bytes = ByteBuffer.allocate(slots.length * ENTRY_BYTES);
        for (int i = 0; i < slots.length; i++) {
            bytes.putLong(most[i]).putLong(least[i]).putShort(slots[i]);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** Reads the base64 form, or the older array of id strings; null is no input. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RecentInputs fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return EMPTY;
        }
        if (node.isArray()) {
            int n = node.size();
            long[] m = new long[n];
            long[] l = new long[n];
            short[] s = new short[n];
            for (int i = 0; i < n; i++) {
                UUID id = UUID.fromString(node.get(i).asText());
                m[i] = id.getMostSignificantBits();
                l[i] = id.getLeastSignificantBits();
                s[i] = LEGACY_SLOT;
            }
            return new RecentInputs(m, l, s);
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("remembered inputs: neither base64 nor an array of ids");
        }
        byte[] raw = Base64.getDecoder().decode(node.asText());
        if (raw.length % ENTRY_BYTES != 0) {
            throw new IllegalArgumentException("remembered inputs: " + raw.length + " bytes, not a whole number of "
                    + ENTRY_BYTES + "-byte entries");
        }
        int n = raw.length / ENTRY_BYTES;
        ByteBuffer bytes = ByteBuffer.wrap(raw);
        long[] m = new long[n];
        long[] l = new long[n];
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            m[i] = bytes.getLong();
            l[i] = bytes.getLong();
            s[i] = bytes.getShort();
        }
        return new RecentInputs(m, l, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecentInputs r && Arrays.equals(most, r.most)
                && Arrays.equals(least, r.least) && Arrays.equals(slots, r.slots);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(most) + Arrays.hashCode(least))
                + Arrays.hashCode(slots);
    }

    @Override
    public String toString() {
        return entries().toString();
    }
}
