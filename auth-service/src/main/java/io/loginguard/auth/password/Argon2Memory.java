package io.loginguard.auth.password;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import de.mkammerer.argon2.jna.Size_t;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntSupplier;

/**
 * Argon2's working memory (m KiB per hash: 19 MiB by default), kept and handed out again instead of allocated per
 * hash. libargon2 asks for it through the context's allocation callbacks; left to malloc, each hash either maps 19
 * MiB of fresh pages and faults every one of them in (a third of auth's CPU went to the kernel that way, with the
 * mmap threshold that keeps RSS low), or leaves freed blocks resident in malloc's arenas (RSS grew by 50 to 300
 * MiB). Here at most one block per concurrent hash exists, each touched once.
 *
 * <p>The callbacks run on the thread that called libargon2 (lanes run on their own threads, but the memory is
 * allocated before they start), so the block lent for a call is found in a thread-local. libargon2 wipes the block
 * before it calls the free callback (its default {@code FLAG_clear_internal_memory}), so a block goes back to the pool
 * holding nothing of the password it served.
 */
final class Argon2Memory {
    /** libargon2's ARGON2_MEMORY_ALLOCATION_ERROR. */
    private static final int ALLOCATION_ERROR = -22;

    private final long blockBytes;
    private final ConcurrentLinkedQueue<Memory> pool = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Lease> current = new ThreadLocal<>();
    private final Allocate allocate = this::allocate;
    private final Free free = (memory, bytes) -> { };
    final Pointer allocateCallback = CallbackReference.getFunctionPointer(allocate);
    final Pointer freeCallback = CallbackReference.getFunctionPointer(free);

    /** @param blockBytes the size of a pooled block: today's memory cost, {@code m} KiB */
    Argon2Memory(long blockBytes) {
        this.blockBytes = blockBytes;
    }

    /** {@code int (*)(uint8_t **memory, size_t bytes)}. */
    interface Allocate extends Callback {
        int invoke(Pointer memory, Size_t bytes);
    }

    /** {@code void (*)(uint8_t *memory, size_t bytes)}. */
    interface Free extends Callback {
        void invoke(Pointer memory, Size_t bytes);
    }

    /** The block one call may use, and any larger one it needed instead (a hash with older, bigger parameters). */
    private static final class Lease {
        Memory pooled;
        Block oversized;
    }

    /** Native memory freed when asked, not when the garbage collector gets to it. */
    private static final class Block extends Memory {
        Block(long size) {
            super(size);
        }

        void free() {
            dispose();
        }
    }

    /** Runs {@code call} (one libargon2 call on this thread) with a pooled block lent to it. */
    int withMemory(IntSupplier call) {
        Lease lease = new Lease();
        lease.pooled = pool.poll();
        current.set(lease);
        try {
            return call.getAsInt();
        } finally {
            current.remove();
            if (lease.pooled != null) {
                pool.offer(lease.pooled);
            }
            if (lease.oversized != null) {
                lease.oversized.free();
            }
        }
    }

    /** Blocks kept for reuse (at most one per hash that ran at once). */
    int pooledBlocks() {
        return pool.size();
    }

    private int allocate(Pointer memory, Size_t bytes) {
        Lease lease = current.get();
        long size = bytes.longValue();
        if (lease == null || size <= 0) {
            return ALLOCATION_ERROR;
        }
        Memory block;
        if (size > blockBytes) {
            // an older hash with more memory than today's: a block for this call only
            lease.oversized = new Block(size);
            block = lease.oversized;
        } else {
            if (lease.pooled == null) {
                lease.pooled = new Memory(blockBytes); // every block is lent out: one more hash runs at once
            }
            block = lease.pooled;
        }
        memory.setPointer(0, block);
        return 0;
    }
}
