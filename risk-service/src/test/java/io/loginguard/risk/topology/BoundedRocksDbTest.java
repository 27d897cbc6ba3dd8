package io.loginguard.risk.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** Every store of the process draws on one budget: small memtables, at most two each, charged to the shared cache. */
class BoundedRocksDbTest {
    static {
        RocksDB.loadLibrary();
    }

    @Test
    void everyStoreGetsSmallMemtablesChargedToOneSharedBudget() {
        BoundedRocksDb setter = new BoundedRocksDb();
        try (Options first = new Options(); Options second = new Options()) {
            first.setTableFormatConfig(new BlockBasedTableConfig());
            second.setTableFormatConfig(new BlockBasedTableConfig());
            setter.setConfig("risk-account-state", first, Map.of(BoundedRocksDb.MEMORY_MIB, "32"));
            setter.setConfig("risk-ip-attempts", second, Map.of(BoundedRocksDb.MEMORY_MIB, "32"));
            for (Options o : new Options[] {first, second}) {
                assertThat(o.writeBufferSize()).isEqualTo(2L << 20); // 32 MiB / 16
                assertThat(o.maxWriteBufferNumber()).isEqualTo(2);
            }
            // the first store of the process sets the budget; every later one shares it
            assertThat(BoundedRocksDb.budgetBytes()).isPositive();
        }
    }

    @Test
    void theBudgetIsReadFromTheStreamsConfigurationWithADefault() {
        assertThat(BoundedRocksDb.mib(null)).isEqualTo(64);
        assertThat(BoundedRocksDb.mib(" 128 ")).isEqualTo(128);
        assertThatThrownBy(() -> BoundedRocksDb.mib("4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 8");
    }
}
