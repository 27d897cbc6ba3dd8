package io.loginguard.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    @Test
    void writesTheBinaryModeAttributes() {
        RiskVerdict verdict = (RiskVerdict) SampleEvents.all().get(5);
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, verdict, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        CloudEventHeaders.Attributes a = CloudEventHeaders.attributes(headers).orElseThrow();
        assertThat(a.id()).isEqualTo(verdict.eventId().toString());
        assertThat(a.type()).isEqualTo("loginguard.risk.RiskVerdict.v1");
        assertThat(a.source()).isEqualTo("/risk");
        assertThat(a.time()).isEqualTo(verdict.occurredAt());
        assertThat(a.specVersion()).isEqualTo("1.0");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.TRACEPARENT)).hasValue(
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void writingTwiceKeepsOneValuePerHeader() {
        RecordHeaders headers = new RecordHeaders();
        Event e = SampleEvents.all().get(0);
        CloudEventHeaders.write(headers, e);
        CloudEventHeaders.write(headers, e);
        assertThat(headers.headers(CloudEventHeaders.ID)).hasSize(1);
    }

    @Test
    void aRecordWithoutHeadersHasNoAttributes() {
        assertThat(CloudEventHeaders.attributes(new RecordHeaders())).isEmpty();
    }

    @Test
    void ceTypesAreUniqueAndFindable() {
        for (EventType t : EventTypes.ALL) {
            assertThat(EventTypes.byCeType(t.ceType())).hasValue(t);
        }
    }

    @org.junit.jupiter.api.Test
    void anEventProducedByAnotherServiceThanItsSchemasOwnerNamesItsProducer() {
        org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        CloudEventHeaders.writeAs(headers, SampleEvents.all().stream().filter(e -> e instanceof NotificationRequested)
                .findFirst().orElseThrow(), "ticket");
        org.assertj.core.api.Assertions.assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.SOURCE)).contains("/ticket");
        org.assertj.core.api.Assertions.assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.TYPE))
                .contains("loginguard.auth.NotificationRequested.v1");
        org.assertj.core.api.Assertions.assertThat(headers.headers(CloudEventHeaders.SOURCE)).hasSize(1);
    }
}
