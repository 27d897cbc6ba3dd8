package io.loginguard.risk;

import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginAttempted.Method;
import io.loginguard.events.LoginAttempted.Outcome;
import io.loginguard.events.LoginAttempted.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds one account's login attempts the way auth would: admitted attempts get the next sequence number,
 * rejected ones none. Ids derive from the account and a counter, so two builders give identical attempts.
 */
public final class Attempts {
    /** The start of every scenario; offsets are relative to it. */
    public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final String accountKey;
    private long nextSequence = 1;
    private int built;

    public Attempts(String accountKey) {
        this.accountKey = accountKey;
    }

    public static Duration at(int minutes, int seconds) {
        return Duration.ofMinutes(minutes).plusSeconds(seconds);
    }

    public LoginAttempted password(Duration at, Outcome outcome) {
        return attempt(at, Stage.PASSWORD, outcome, Method.EMAIL_PASSWORD, nextSequence++);
    }

    public LoginAttempted secondFactor(Duration at, Outcome outcome) {
        return attempt(at, Stage.SECOND_FACTOR, outcome, Method.TOTP, nextSequence++);
    }

    /** An attempt auth refused before any credential check (REJECTED_LOCKED, REJECTED_THROTTLED). */
    public LoginAttempted rejected(Duration at, Outcome outcome) {
        return attempt(at, Stage.PASSWORD, outcome, Method.EMAIL_PASSWORD, null);
    }

    /** An attempt auth refused before any check (no sequence number), from a given place and device. */
    public LoginAttempted rejected(Duration at, Outcome outcome, Origin origin) {
        return attempt(at, Stage.PASSWORD, outcome, Method.EMAIL_PASSWORD, null, origin);
    }

    /** An admitted attempt with an explicit sequence number, e.g. to model out-of-order arrival. */
    public LoginAttempted withSequence(Duration at, Outcome outcome, long sequence) {
        return attempt(at, Stage.PASSWORD, outcome, Method.EMAIL_PASSWORD, sequence);
    }

    /** An admitted password attempt from a given place and device. */
    public LoginAttempted password(Duration at, Outcome outcome, Origin origin) {
        return attempt(at, Stage.PASSWORD, outcome, Method.EMAIL_PASSWORD, nextSequence++, origin);
    }

    /** The step-up auth asked for (identity re-verification), from a given place and device. */
    public LoginAttempted stepUp(Duration at, Outcome outcome, Origin origin) {
        return attempt(at, Stage.STEP_UP, outcome, Method.EMAIL_CODE, nextSequence++, origin);
    }

    private LoginAttempted attempt(Duration at, Stage stage, Outcome outcome, Method method, Long sequence) {
        return attempt(at, stage, outcome, method, sequence, Origin.BERLIN);
    }

    private LoginAttempted attempt(Duration at, Stage stage, Outcome outcome, Method method, Long sequence,
                                   Origin origin) {
        int n = ++built;
        return new LoginAttempted(id("event", n), T0.plus(at), accountKey, id("attempt", n), sequence, stage, outcome,
                method, origin.ip(), origin.country(), origin.latitude(), origin.longitude(), origin.deviceId(),
                "Mozilla/5.0", null);
    }

    /** Where an attempt comes from: address, country, coordinates (may be null), device. */
    public record Origin(String ip, String country, Double latitude, Double longitude, String deviceId) {
        public static final Origin BERLIN = new Origin("203.0.113.9", "DE", 52.52, 13.405, "device-1");
        public static final Origin MUNICH = new Origin("203.0.113.9", "DE", 48.137, 11.575, "device-1");
        public static final Origin VIENNA = new Origin("198.51.100.20", "AT", 48.208, 16.373, "device-1");
        public static final Origin SAO_PAULO = new Origin("192.0.2.77", "BR", -23.55, -46.633, "device-1");

        public Origin withIp(String newIp) {
            return new Origin(newIp, country, latitude, longitude, deviceId);
        }

        public Origin withDevice(String newDevice) {
            return new Origin(ip, country, latitude, longitude, newDevice);
        }

        /** Only the country, as when geo-IP found no city: the rules use the country's centroid. */
        public Origin countryOnly() {
            return new Origin(ip, country, null, null, deviceId);
        }
    }

    private UUID id(String kind, int n) {
        return UUID.nameUUIDFromBytes((accountKey + ":" + kind + ":" + n).getBytes(StandardCharsets.UTF_8));
    }
}
