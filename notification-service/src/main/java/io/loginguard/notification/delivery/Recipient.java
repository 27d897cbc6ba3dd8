package io.loginguard.notification.delivery;

import io.loginguard.events.NotificationRequested.Channel;

/** Where and how one message goes: the channel and destination used, the locale, the owner's anti-phishing code. */
public record Recipient(Channel channel, String destination, String locale, String antiPhishingCode) {

    @Override
    public String toString() {
        return "Recipient[" + channel + " " + io.loginguard.notification.privacy.Masking.destination(destination) + "]";
    }
}
