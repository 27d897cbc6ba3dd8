package io.loginguard.auth.factor;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords (java-otp): HMAC-SHA1, 30-second steps, the configured digits, and a
 * drift of a number of steps either way. A code is accepted only for a step after the last one accepted, so a
 * code seen over someone's shoulder cannot be used again.
 */
public final class Totp {
    private final TimeBasedOneTimePasswordGenerator generator;
    private final Duration step;
    private final int drift;

    public Totp(Duration step, int digits, int drift) {
        this.generator = new TimeBasedOneTimePasswordGenerator(step, digits, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
        this.step = step;
        this.drift = drift;
    }

    public long stepAt(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), step.getSeconds());
    }

    /** The code of a step. */
    public String code(byte[] secret, long stepNumber) {
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"),
                    Instant.ofEpochSecond(stepNumber * step.getSeconds()), java.util.Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The step the candidate is the code of, within the drift around now and after lastUsedStep; empty if none. */
    public OptionalLong accept(byte[] secret, String candidate, Instant now, long lastUsedStep) {
        long current = stepAt(now);
        byte[] given = candidate.getBytes(StandardCharsets.US_ASCII);
        long matched = -1;
        for (long s = current - drift; s <= current + drift; s++) {
            boolean equal = MessageDigest.isEqual(code(secret, s).getBytes(StandardCharsets.US_ASCII), given);
            if (equal && s > lastUsedStep && matched < 0) {
                matched = s; // keep looping: the time taken does not depend on which step matched
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }
}
