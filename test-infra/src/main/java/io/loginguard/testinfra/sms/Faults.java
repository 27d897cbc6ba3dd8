package io.loginguard.testinfra.sms;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The failures and delays a test asked the SMS simulator for. */
final class Faults {
    private static final String EVERY_DESTINATION = "*";

    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private int failuresLeft;
    private int failureStatus;

    synchronized void fail(int count, int status) {
        failuresLeft = count;
        failureStatus = status;
    }

    void delay(String destinationOrNull, Duration delay) {
        delays.put(destinationOrNull == null ? EVERY_DESTINATION : destinationOrNull, delay);
    }

    synchronized void reset() {
        failuresLeft = 0;
        delays.clear();
    }

    /** The status to fail this send with, or 0 to accept it. */
    synchronized int nextFailure() {
        if (failuresLeft == 0) {
            return 0;
        }
        if (failuresLeft > 0) {
            failuresLeft--;
        }
        return failureStatus;
    }

    void pause(String destination) {
        Duration d = delays.getOrDefault(destination, delays.getOrDefault(EVERY_DESTINATION, Duration.ZERO));
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
