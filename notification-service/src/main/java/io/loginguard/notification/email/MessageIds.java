package io.loginguard.notification.email;

import java.util.UUID;

/**
 * The Message-ID of a request's email, derived from the request id alone: every send of one request carries the
 * same id, so a resend after an interrupted send is recognisable as the same message (mailboxes that keep one copy
 * per Message-ID, Gmail's among them, show it once), and a support case can find the message by its request.
 */
public final class MessageIds {
    private MessageIds() {
    }

    public static String of(UUID requestId, String sender) {
        int at = sender.lastIndexOf('@');
        String domain = at < 0 ? "loginguard.local" : sender.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
        return "<" + requestId + "@" + domain + ">";
    }
}
