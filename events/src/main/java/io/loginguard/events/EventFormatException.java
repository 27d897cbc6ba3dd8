package io.loginguard.events;

/** A record whose bytes are not a valid event of the expected type; the message says why. */
public class EventFormatException extends RuntimeException {
    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
