package io.loginguard.risk.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB instance of this process (five stores, times the partitions this instance
 * holds): a shared block cache that also accounts for the memtables, instead of Kafka Streams' default of a 50 MiB
 * cache and three 16 MiB memtables per instance, which on a replay grew risk's native memory past its heap (RSS 560
 * MiB with a 256 MiB heap, BENCHMARKS.md). The budget is {@code loginguard.rocksdb.memory-mib} (default 64) from
 * Kafka Streams' configuration ({@code kafka-streams.loginguard.rocksdb.memory-mib}), half of it at most for
 * memtables. The cache is shared and outlives any one store, so {@link #close} leaves it open.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    public static final String MEMORY_MIB = "loginguard.rocksdb.memory-mib";
    static final long DEFAULT_MIB = 64;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long budgetBytes;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bytes = mib(configs.get(MEMORY_MIB)) << 20;
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared(bytes));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setWriteBufferSize(Math.min(8L << 20, Math.max(1L << 20, bytes / 16)));
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    private static synchronized Cache shared(long bytes) {
        if (cache == null) {
            budgetBytes = bytes;
            // a tenth of the cache kept for index and filter blocks; memtables charged to the same cache
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(bytes / 2, cache);
        }
        return cache;
    }

    static synchronized long budgetBytes() {
        return budgetBytes;
    }

    static long mib(Object configured) {
        if (configured == null) {
            return DEFAULT_MIB;
        }
        long mib = Long.parseLong(configured.toString().trim());
        if (mib < 8) {
            throw new IllegalArgumentException(MEMORY_MIB + " must be at least 8 (MiB), was " + mib);
        }
        return mib;
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are the process's, shared by every store: not closed with one
    }
}
