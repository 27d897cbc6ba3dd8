package io.loginguard.notification.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.NotificationRequested.Channel;
import org.junit.jupiter.api.Test;

class DestinationsTest {

    @Test
    void smsNeedsAnE164Number() {
        assertThat(Destinations.valid(Channel.SMS, "+8613812345678")).isTrue();
        assertThat(Destinations.valid(Channel.SMS, "13812345678")).isFalse();
        assertThat(Destinations.valid(Channel.SMS, "+0123456789")).isFalse();
        assertThat(Destinations.valid(Channel.SMS, "+1234567890123456")).as("16 digits").isFalse();
    }

    @Test
    void emailNeedsAnAddress() {
        assertThat(Destinations.valid(Channel.EMAIL, "alice@example.com")).isTrue();
        assertThat(Destinations.valid(Channel.EMAIL, "alice")).isFalse();
        assertThat(Destinations.valid(Channel.EMAIL, "a <b@c.d>")).isFalse();
        assertThat(Destinations.valid(Channel.UNKNOWN, "alice@example.com")).isFalse();
    }
}
