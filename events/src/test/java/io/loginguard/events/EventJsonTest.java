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
        assertThat(SampleEvents.all()).extracting(Object::getClass)
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
    void rejectsAnUnknownEnumValue() {
        String json = EventJson.toJson(SampleEvents.all().get(0)).replace("BAD_PASSWORD", "MAYBE");
        assertThatThrownBy(() -> EventJson.fromJson(json, LoginAttempted.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("outcome");
    }

    @Test
    void rejectsMalformedJsonAndEmptyValues() {
        assertThatThrownBy(() -> EventJson.fromJson("{\"eventId\": ", LoginAttempted.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("LoginAttempted");
        assertThatThrownBy(() -> EventJson.fromBytes(new byte[0], LoginAttempted.class))
                .isInstanceOf(EventFormatException.class).hasMessageContaining("empty");
    }

    @Test
    void writesInstantsAsIsoUtc() {
        assertThat(EventJson.toJson(SampleEvents.all().get(0))).contains("\"occurredAt\":\"2026-11-24T10:15:30.123456Z\"");
    }
}
