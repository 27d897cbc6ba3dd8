package io.loginguard.testinfra;

/** A server the tests need is not there: the message says which, where it was looked for, and how to start it. */
public class ServerUnavailableException extends IllegalStateException {
    public ServerUnavailableException(String server, String where, String howToStart, Throwable cause) {
        super(server + " is not reachable at " + where + " (" + (cause == null ? "no answer" : cause.getMessage())
                + "). Start it with: " + howToStart, cause);
    }
}
