package io.loginguard.risk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.loginguard.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentInputsTest {
    private static UUID id(int n) {
        return new UUID(0x1234L, n);
    }

    private static RecentInputs of(int limit, int... ids) {
        RecentInputs inputs = RecentInputs.EMPTY;
        for (int n : ids) {
            inputs = inputs.adding(id(n), limit).inputs();
        }
        return inputs;
    }

    @Test
    void inputsTakeTheFreeSlotsThenTheSlotOfTheOneTheyPushOut() {
        RecentInputs three = of(3, 1, 2, 3);
        assertThat(three.entries()).containsExactly(new RecentInputs.Entry(id(1), 0), new RecentInputs.Entry(id(2), 1),
                new RecentInputs.Entry(id(3), 2));

        RecentInputs.Added fourth = three.adding(id(4), 3);
        assertThat(fourth.slot()).isZero();
        assertThat(fourth.forgotten()).as("the pushed-out input's outputs are overwritten, not deleted").isEmpty();
        assertThat(fourth.inputs().entries()).extracting(RecentInputs.Entry::id).containsExactly(id(2), id(3), id(4));
        assertThat(fourth.inputs().find(id(1))).isNull();
        assertThat(fourth.inputs().find(id(4))).isEqualTo(new RecentInputs.Entry(id(4), 0));
        assertThat(fourth.inputs().adding(id(5), 3).slot()).isEqualTo(1);
    }

    @Test
    void aLowerLimitDeletesTheInputsItDropsBeyondTheOneWhoseSlotIsReused() {
        RecentInputs.Added added = of(4, 1, 2, 3, 4).adding(id(5), 2);
        assertThat(added.slot()).isZero();
        assertThat(added.forgotten()).containsExactly(new RecentInputs.Entry(id(2), 1),
                new RecentInputs.Entry(id(3), 2));
        assertThat(added.inputs().entries()).containsExactly(new RecentInputs.Entry(id(4), 3),
                new RecentInputs.Entry(id(5), 0));
        // a higher limit again: the smallest slot no kept input uses
        assertThat(added.inputs().adding(id(6), 4).slot()).isEqualTo(1);
    }

    @Test
    void jsonIsOneBase64StringAndReadsBackTheSame() {
        RecentInputs inputs = of(32, 1, 2, 3);
        byte[] json = EventJson.toBytes(new Holder(inputs));
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).matches("\\{\"recentAttempts\":\"[A-Za-z0-9+/=]{72}\"}");
        assertThat(EventJson.fromBytes(json, Holder.class).recentAttempts()).isEqualTo(inputs);
        byte[] empty = EventJson.toBytes(new Holder(RecentInputs.EMPTY));
        assertThat(new String(empty, StandardCharsets.UTF_8)).isEqualTo("{\"recentAttempts\":\"\"}");
        assertThat(EventJson.fromBytes(empty, Holder.class).recentAttempts()).isEqualTo(RecentInputs.EMPTY);
    }

    @Test
    void theOlderArrayOfIdsIsReadAsInputsWithoutSlotsThatNewInputsRetire() throws Exception {
        String older = "{\"recentAttempts\":[\"" + id(1) + "\",\"" + id(2) + "\"]}";
        RecentInputs read = EventJson.fromBytes(older.getBytes(StandardCharsets.UTF_8), Holder.class).recentAttempts();
        assertThat(read.entries()).containsExactly(new RecentInputs.Entry(id(1), RecentInputs.LEGACY_SLOT),
                new RecentInputs.Entry(id(2), RecentInputs.LEGACY_SLOT));

        RecentInputs.Added added = read.adding(id(3), 2);
        assertThat(added.slot()).as("no slot to take over from an older-format input").isZero();
        assertThat(added.forgotten()).containsExactly(new RecentInputs.Entry(id(1), RecentInputs.LEGACY_SLOT));
        List<RecentInputs.Entry> retired = new ArrayList<>(added.forgotten());
        added = added.inputs().adding(id(4), 2);
        retired.addAll(added.forgotten());
        assertThat(retired).extracting(RecentInputs.Entry::id).containsExactly(id(1), id(2));
        assertThat(added.inputs().entries()).containsExactly(new RecentInputs.Entry(id(3), 0),
                new RecentInputs.Entry(id(4), 1));
    }

    @Test
    void malformedValuesAndLimitsAreRefused() throws Exception {
        JsonNode notWhole = EventJson.readTree("\"AAAA\"".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RecentInputs.fromJson(notWhole)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("18-byte entries");
        JsonNode number = EventJson.readTree("7".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RecentInputs.fromJson(number)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecentInputs.EMPTY.adding(id(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecentInputs.EMPTY.adding(id(1), RecentInputs.MAX_SLOTS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    record Holder(RecentInputs recentAttempts) {
    }
}
