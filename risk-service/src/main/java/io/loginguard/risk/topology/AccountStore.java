package io.loginguard.risk.topology;

import io.loginguard.events.AccountRiskState;
import io.loginguard.risk.engine.RecentInputs;
import io.loginguard.risk.engine.RiskProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store {@code account-risk} as the two account processors use it ({@link RiskEntry} has its layout). Every
 * input applied to an account is written to one changelog partition, in this order: the input's outputs (into the
 * slot of the input it pushes out of the remembered ones, replacing that one's), the deletion of outputs no longer
 * remembered that no new input replaced (older-format entries, or after the number remembered was lowered), the
 * account's entry. The producer keeps a partition's order, so a crash keeps a prefix of them: either the account's
 * entry was written and the input is remembered with its outputs, or it was not and the input is applied again from
 * the same account entry, writing the same outputs into the same slot.
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
     * outputs is applied again, and said so: possible only for one that a crash re-read after more newer inputs than
     * are remembered had pushed it out, their outputs written but not yet the account's entry.
     */
    Optional<RiskEntry> remembered(String key, RiskProfile profile, UUID inputId) {
        RecentInputs.Entry input = profile == null ? null : profile.remembered(inputId);
        if (input == null) {
            return Optional.empty();
        }
        RiskEntry outputs = store.get(RiskEntry.outputsKey(key, input));
        if (outputs != null && input.slot() != RecentInputs.LEGACY_SLOT && !inputId.equals(outputs.input())) {
            outputs = null;
        }
        if (outputs == null) {
            LOG.warn("input {} of {} is remembered but its outputs are not kept: applied again", inputId, key);
        }
        return Optional.ofNullable(outputs);
    }

    /**
     * Writes one applied input ({@code outputs.input()}, the newest of {@code profile}'s remembered inputs): its
     * outputs into its slot, the outputs of {@code forgotten} gone, then the account.
     */
    void apply(String key, RiskEntry outputs, List<RecentInputs.Entry> forgotten, AccountRiskState state,
               RiskProfile profile) {
        RecentInputs recent = profile.recentAttempts();
        RecentInputs.Entry input = recent.get(recent.size() - 1);
        if (!input.id().equals(outputs.input())) {
            throw new IllegalStateException("the profile's newest input is " + input.id() + ", not " + outputs.input());
        }
        store.put(RiskEntry.outputsKey(key, input), outputs);
        for (RecentInputs.Entry gone : forgotten) {
            remove(RiskEntry.outputsKey(key, gone));
        }
        store.put(key, RiskEntry.account(state, profile));
    }

    /** Deletes the outputs the account remembers (its entry stays: the caller replaces or deletes it). */
    void forgetOutputs(String key, RiskProfile profile) {
        if (profile != null) {
            for (RecentInputs.Entry input : profile.recentAttempts().entries()) {
                remove(RiskEntry.outputsKey(key, input));
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
