package io.loginguard.risk.topology;

import static io.loginguard.events.LoginAttempted.Outcome.BAD_PASSWORD;
import static io.loginguard.risk.Attempts.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.RiskVerdict;
import io.loginguard.risk.Attempts;
import io.loginguard.risk.config.RiskSettings;
import io.loginguard.risk.engine.RecentInputs;
import io.loginguard.risk.engine.RiskProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the store {@code account-risk} keeps what remembered inputs emitted ({@link RiskEntry}): one entry per slot,
 * overwritten by the input that takes the slot; the older format (entries under the input's id, ids as an array of
 * strings) still answered and retired; an entry a newer input overwrote never taken for the older input's.
 */
class RiskTopologyStoreFormatTest {
    private static final String ALICE = RiskTopologyTest.ALICE;
    private static final int REMEMBERED = 4;

    @TempDir
    Path stateDir;

    private final Attempts alice = new Attempts(ALICE);
    private final List<LoginAttempted> sent = new ArrayList<>();
    private RiskTopologyHarness risk;

    @AfterEach
    void close() {
        if (risk != null) {
            risk.driver().close();
        }
    }

    private KeyValueStore<String, RiskEntry> store() {
        return risk.driver().getKeyValueStore(RiskTopology.ACCOUNT_STORE);
    }

    private List<String> outputKeys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, RiskEntry> it = store().all()) {
            it.forEachRemaining((KeyValue<String, RiskEntry> kv) -> {
                if (!RiskEntry.isAccountKey(kv.key)) {
                    keys.add(kv.key);
                }
            });
        }
        return keys;
    }

    /** Sends {@code count} more wrong passwords for Alice, a second apart, remembered in {@link #sent}. */
    private void sendWrongPasswords(int count) {
        for (int i = 0; i < count; i++) {
            LoginAttempted attempt = alice.password(at(0, sent.size()), BAD_PASSWORD);
            sent.add(attempt);
            risk.send(attempt, null);
        }
    }

    @Test
    void eachAccountKeepsOneOutputEntryPerSlotOverwrittenInTurn() {
        risk = new RiskTopologyHarness(RiskSettings.defaults().withRememberedAttempts(REMEMBERED), stateDir);
        sendWrongPasswords(10);
        assertThat(outputKeys()).containsExactlyInAnyOrder(ALICE + "/#0", ALICE + "/#1", ALICE + "/#2", ALICE + "/#3");
        RiskProfile profile = store().get(ALICE).profile();
        assertThat(profile.recentAttempts().entries()).extracting(RecentInputs.Entry::id)
                .containsExactlyElementsOf(sent.subList(6, 10).stream().map(LoginAttempted::attemptId).toList());
        // the tenth attempt took the slot of the sixth it pushed out: 9 % 4
        assertThat(store().get(ALICE + "/#1").input()).isEqualTo(sent.get(9).attemptId());
    }

    @Test
    void anAccountInTheOlderFormatIsAnsweredAndItsEntriesRetiredAsNewInputsComeIn() {
        risk = new RiskTopologyHarness(RiskSettings.defaults().withRememberedAttempts(REMEMBERED), stateDir);
        sendWrongPasswords(3);
        List<byte[]> firstVerdicts = risk.verdicts().readRecordsToList().stream().map(TestRecord::value).toList();
        rewriteInTheOlderFormat();
        assertThat(outputKeys()).containsExactlyInAnyOrderElementsOf(
                sent.stream().map(a -> ALICE + "/" + a.attemptId()).toList());

        risk.send(sent.get(1), null); // read again: answered from the older entry, counted once
        assertThat(risk.verdicts().readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(firstVerdicts.get(1)));

        sendWrongPasswords(4);
        assertThat(risk.values(risk.verdicts(), RiskVerdict.class)).extracting(RiskVerdict::admittedProcessed)
                .containsExactly(4L, 5L, 6L, 7L);
        assertThat(outputKeys()).as("the older entries are gone, the new ones in slots")
                .containsExactlyInAnyOrder(ALICE + "/#0", ALICE + "/#1", ALICE + "/#2", ALICE + "/#3");
    }

    @Test
    void anInputWhoseSlotANewerInputOverwroteIsAppliedAgainNotAnsweredWithTheNewerOnesRecords() {
        // what a crash can leave: a newer input's outputs written into the slot, the account's entry not yet
        risk = new RiskTopologyHarness(RiskSettings.defaults().withRememberedAttempts(REMEMBERED), stateDir);
        sendWrongPasswords(2);
        LoginAttempted first = sent.get(0);
        risk.verdicts().readRecordsToList();
        store().put(ALICE + "/#0", store().get(ALICE + "/#1"));

        risk.send(first, null);
        RiskVerdict again = risk.values(risk.verdicts(), RiskVerdict.class).get(0);
        assertThat(again.attemptId()).isEqualTo(first.attemptId());
        assertThat(again.consecutiveFailures()).as("applied again, not answered as the second").isEqualTo(3);
    }

    /** Turns the account's entry and its output entries into what the older risk wrote. */
    private void rewriteInTheOlderFormat() {
        RiskEntry account = store().get(ALICE);
        List<RecentInputs.Entry> inputs = account.profile().recentAttempts().entries();
        for (RecentInputs.Entry input : inputs) {
            RiskEntry outputs = store().get(ALICE + "/#" + input.slot());
            store().put(ALICE + "/" + input.id(), new RiskEntry(null, null, null, outputs.verdict(),
                    outputs.published(), outputs.decisions(), outputs.partition(), outputs.offset()));
            store().put(ALICE + "/#" + input.slot(), null);
        }
        String ids = inputs.stream().map(i -> "\"" + i.id() + "\"").collect(Collectors.joining(","));
        String json = new String(EventJson.toBytes(account), StandardCharsets.UTF_8)
                .replaceFirst("\"recentAttempts\":\"[^\"]*\"", "\"recentAttempts\":[" + ids + "]");
        assertThat(json).contains("\"recentAttempts\":[\"");
        store().put(ALICE, EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), RiskEntry.class));
    }
}
