package io.loginguard.notification.delivery;

/**
 * What a provider answered: SENT (with its message id), TRANSIENT (down, timed out, 4xx SMTP or 5xx HTTP: try
 * again later) or PERMANENT (refused for good: 5xx SMTP, 4xx HTTP).
 */
public record SendResult(Kind kind, String providerMessageId, String error) {
    public enum Kind { SENT, TRANSIENT, PERMANENT }

    public static SendResult sent(String providerMessageId) {
        return new SendResult(Kind.SENT, providerMessageId, null);
    }

    public static SendResult transientFailure(String error) {
        return new SendResult(Kind.TRANSIENT, null, error);
    }

    public static SendResult permanentFailure(String error) {
        return new SendResult(Kind.PERMANENT, null, error);
    }
}
