package io.loginguard.notification.delivery;

/** Where one message stands. Only PENDING and SENDING move on; the others are final. */
public enum Status {
    /** Waiting for its (next) send. */
    PENDING,
    /** Claimed by a node under a lease; still SENDING after the lease means the sender died mid-send. */
    SENDING,
    DELIVERED,
    /** Given up: refused, unreadable, or out of attempts (then also dead-lettered). */
    FAILED,
    /** A code past its {@code expiresAt}, or an alert older than the alert age limit: not sent. */
    EXPIRED,
    /** A code over the destination's rate limit: not sent (auth's resend limit should have stopped it). */
    RATE_LIMITED,
    /** An alert over the destination's rate limit: waits to be folded into one digest. */
    FOLDED,
    /** An alert that went out inside a digest. */
    DIGESTED
}
