package io.loginguard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

    static Stream<Event> events() {
        return SampleEvents.all().stream();
    }

    @Test
    void everyEventTypeHasASample() {
        assertThat(SampleEvents.all().stream().map(Object::getClass).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL.stream().map(EventType::eventClass).toList());
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsUnchanged(Event event) {
        byte[] json = EventJson.toBytes(event);
        Object back = EventJson.fromBytes(json, event.getClass());
        assertThat(back).isEqualTo(event);
        assertThat(EventJson.toBytes(back)).as("serialization is deterministic").isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("events")
    void ignoresUnknownFields(Event event) {
        String json = EventJson.toJson(event);
        String withExtra = "{\"someFutureField\":{\"nested\":[1,2]}," + json.substring(1);
        assertThat(EventJson.fromJson(withExtra, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void rejectsAMissingEventIdNamingTheField(Event event) {
        String json = EventJson.toJson(event).replaceFirst("\"eventId\":\"[^\"]+\",", "");
        assertThatThrownBy(() -> EventJson.fromJson(json, event.getClass()))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining(event.getClass().getSimpleName())
                .hasMessageContaining("missing required field 'eventId'");
    }

    @Test
    void rejectsAMissingOutcomeOfALoginAttempt() {
        String json = EventJson.toJson(SampleEvents.all().get(0)).replaceFirst("\"outcome\":\"BAD_PASSWORD\",", "");
        assertThatThrownBy(() -> EventJson.fromJson(json, LoginAttempted.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("missing required field 'outcome'");
    }

    @Test
    void rejectsAWrongTypeNamingTheField() {
        String json = EventJson.toJson(SampleEvents.all().get(5)).replaceFirst("\"admittedProcessed\":7", "\"admittedProcessed\":\"many\"");
        assertThatThrownBy(() -> EventJson.fromJson(json, RiskVerdict.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("admittedProcessed");
    }

    @Test
    void readsAnUnknownEnumValueAsUnknownInsteadOfRejectingTheRecord() {
        // a newer producer adds a value during a rolling deploy: the record still reads, with its other fields
        String json = EventJson.toJson(SampleEvents.all().get(0)).replace("BAD_PASSWORD", "MAYBE");
        LoginAttempted attempt = EventJson.fromJson(json, LoginAttempted.class);
        assertThat(attempt.outcome()).isEqualTo(LoginAttempted.Outcome.UNKNOWN);
        assertThat(attempt.outcome().isFailure()).isTrue();
        assertThat(attempt.accountKey()).isEqualTo(((LoginAttempted) SampleEvents.all().get(0)).accountKey());
    }

    @Test
    void anOldVerdictWithoutTheNewFieldsStillReads() {
        String json = EventJson.toJson(SampleEvents.all().get(5))
                .replaceAll(",\"version\":\\d+", "").replaceAll(",\"checksLeft\":\\d+", "")
                .replaceAll(",\"secondFactorChecksLeft\":\\d+", "");
        RiskVerdict verdict = EventJson.fromJson(json, RiskVerdict.class);
        assertThat(verdict.version()).isZero();
        assertThat(verdict.checksLeft()).isNull();
    }

    @Test
    void rejectsMalformedJsonAndEmptyValues() {
        assertThatThrownBy(() -> EventJson.fromJson("{\"eventId\": ", LoginAttempted.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("LoginAttempted");
        assertThatThrownBy(() -> EventJson.fromBytes(new byte[0], LoginAttempted.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("empty");
    }

    @Test
    void collectionsSerializeInSortedOrderWhateverTheInsertionOrder() {
        AccountRiskState a = new AccountRiskState(SampleEvents.id(1), SampleEvents.T, "k", 0, 0, null, 0, null,
                new java.util.LinkedHashSet<>(java.util.List.of("SG", "DE", "BR", "US", "JP")), java.util.Set.of("d2", "d1", "d3"),
                null, null, null, null, false, null, 1, 5, 5);
        AccountRiskState b = new AccountRiskState(SampleEvents.id(1), SampleEvents.T, "k", 0, 0, null, 0, null,
                new java.util.LinkedHashSet<>(java.util.List.of("US", "JP", "DE", "SG", "BR")), java.util.Set.of("d3", "d1", "d2"),
                null, null, null, null, false, null, 1, 5, 5);
        assertThat(EventJson.toJson(a)).isEqualTo(EventJson.toJson(b)).contains("[\"BR\",\"DE\",\"JP\",\"SG\",\"US\"]");
        RiskDecision d = new RiskDecision(SampleEvents.id(2), SampleEvents.T, "k", RiskDecision.Type.NEW_DEVICE, null, null,
                java.util.Map.of("z", "1", "a", "2", "m", "3"));
        assertThat(EventJson.toJson(d)).contains("{\"a\":\"2\",\"m\":\"3\",\"z\":\"1\"}");
    }

    @Test
    void writesInstantsAsIsoUtc() {
        assertThat(EventJson.toJson(SampleEvents.all().get(0))).contains("\"occurredAt\":\"2026-11-24T10:15:30.123456Z\"");
    }

    @Test
    void aPhoneChangeApprovalCarriesTheNewNumber() {
        TicketEvent approval = new TicketEvent(SampleEvents.id(90), java.time.Instant.parse("2026-01-01T00:00:00Z"), "acc-1",
                SampleEvents.id(91), TicketEvent.Type.ACTION_APPROVED, TicketEvent.CaseKind.PHONE_CHANGE,
                TicketEvent.ApprovedAction.PHONE_CHANGE, "APPROVED", "+8613800000000");
        assertThat(EventJson.fromBytes(EventJson.toBytes(approval), TicketEvent.class)).isEqualTo(approval);
        assertThat(EventJson.toJson(approval)).contains("\"newPhone\":\"+8613800000000\"");
        String withoutPhone = EventJson.toJson(approval).replace(",\"newPhone\":\"+8613800000000\"", "");
        assertThatThrownBy(() -> EventJson.fromJson(withoutPhone, TicketEvent.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("newPhone");
    }

    @Test
    void aTicketEventWithoutTheNewPhoneFieldStillReads() {
        TicketEvent opened = new TicketEvent(SampleEvents.id(92), java.time.Instant.parse("2026-01-01T00:00:00Z"), "acc-1",
                SampleEvents.id(93), TicketEvent.Type.OPENED, TicketEvent.CaseKind.REACTIVATION, null, "OPEN");
        assertThat(EventJson.toJson(opened)).doesNotContain("newPhone");
        assertThat(EventJson.fromJson(EventJson.toJson(opened), TicketEvent.class).newPhone()).isNull();
    }

    @org.junit.jupiter.api.Test
    void aSnapshotCarriesItsMastersRiskPolicyAndOlderSnapshotsStillRead() {
        AccountSnapshot withPolicy = new AccountSnapshot(java.util.UUID.randomUUID(), java.time.Instant.parse("2026-12-02T00:00:00Z"),
                "sub-1", AccountSnapshot.Status.ACTIVE, "s@example.com", null, false, false, null, "master-1", null, "en",
                3, null, null, new AccountSnapshot.RiskPolicy(3, 60));
        AccountSnapshot back = EventJson.fromBytes(EventJson.toBytes(withPolicy), AccountSnapshot.class);
        org.assertj.core.api.Assertions.assertThat(back).isEqualTo(withPolicy);
        String older = "{\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"occurredAt\":\"2026-12-02T00:00:00Z\","
                + "\"accountId\":\"a-1\",\"status\":\"ACTIVE\",\"emailVerified\":true,\"phoneVerified\":false,\"version\":1}";
        org.assertj.core.api.Assertions.assertThat(EventJson.fromBytes(older.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                AccountSnapshot.class).riskPolicy()).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AccountSnapshot.RiskPolicy(0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
