package io.loginguard.risk.topology;

import io.loginguard.events.AccountRiskState;
import io.loginguard.risk.engine.RiskProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store {@code account-risk} as the two account processors use it ({@link RiskEntry} has its layout). Every
 * input applied to an account is three kinds of writes to one changelog partition, in this order: the input's
 * outputs, the deletion of outputs no longer remembered, the account's entry. The producer keeps a partition's
 * order, so a crash keeps a prefix of them: either the account's entry was written and the input is remembered with
 * its outputs, or it was not and the input is applied again from the same account entry, writing the same outputs.
 */
final class AccountStore {
    private static final Logger LOG = LoggerFactory.getLogger(AccountStore.class);

    private final KeyValueStore<String, RiskEntry> store;

    AccountStore(KeyValueStore<String, RiskEntry> store) {
        this.store = store;
    }

    /** The account's entry, or null for an account never seen (or forgotten). */
    RiskEntry account(String key) {
        return store.get(key);
    }

    /**
     * What the input emitted when it was applied, if the account remembers it. An input remembered without its
     * outputs (possible only for one that fell out of the remembered ids while a crash re-read it) is applied again,
     * and said so.
     */
    Optional<RiskEntry> remembered(String key, RiskProfile profile, String inputId) {
        if (profile == null || !profile.remembers(inputId)) {
            return Optional.empty();
        }
        RiskEntry outputs = store.get(RiskEntry.outputsKey(key, inputId));
        if (outputs == null) {
            LOG.warn("input {} of {} is remembered but its outputs are not kept: applied again", inputId, key);
        }
        return Optional.ofNullable(outputs);
    }

    /** Writes one applied input: its outputs, the outputs no longer remembered gone, then the account. */
    void apply(String key, String inputId, RiskEntry outputs, List<String> forgotten, AccountRiskState state,
               RiskProfile profile) {
        store.put(RiskEntry.outputsKey(key, inputId), outputs);
        for (String id : forgotten) {
            remove(RiskEntry.outputsKey(key, id));
        }
        store.put(key, RiskEntry.account(state, profile));
    }

    /** Deletes the outputs the account remembers (its entry stays: the caller replaces or deletes it). */
    void forgetOutputs(String key, RiskProfile profile) {
        if (profile != null) {
            for (String id : profile.recentAttempts()) {
                remove(RiskEntry.outputsKey(key, id));
            }
        }
    }

    /** Deletes the account: its outputs first, then its entry. */
    void delete(String key, RiskProfile profile) {
        forgetOutputs(key, profile);
        remove(key);
    }

    /**
     * A put of null: the same deletion and changelog tombstone as {@code delete}, without {@code delete}'s read and
     * decoding of the old value (a tenth of the processor's time when every attempt forgets one output entry).
     */
    private void remove(String key) {
        store.put(key, null);
    }

    /** Account keys starting with {@code prefix} whose state satisfies {@code test}. */
    List<String> accountKeys(String prefix, BiPredicate<String, AccountRiskState> test) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, RiskEntry> it = store.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, RiskEntry> entry = it.next();
                if (RiskEntry.isAccountKey(entry.key) && entry.value != null && entry.value.state() != null
                        && test.test(entry.key, entry.value.state())) {
                    keys.add(entry.key);
                }
            }
        }
        return keys;
    }
}
