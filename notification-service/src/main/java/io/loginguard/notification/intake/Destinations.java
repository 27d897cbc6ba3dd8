package io.loginguard.notification.intake;

import io.loginguard.events.NotificationRequested.Channel;
import java.util.regex.Pattern;

/** What a destination must look like per channel: an E.164 number for SMS, an address for email. */
public final class Destinations {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]{1,255}");

    private Destinations() {
    }

    public static boolean valid(Channel channel, String destination) {
        if (destination == null) {
            return false;
        }
        return switch (channel) {
            case SMS -> E164.matcher(destination).matches();
            case EMAIL -> EMAIL.matcher(destination).matches();
            default -> false;
        };
    }
}
