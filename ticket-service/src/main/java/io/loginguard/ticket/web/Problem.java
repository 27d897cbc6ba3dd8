package io.loginguard.ticket.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * RFC 9457 problem details with a stable machine-readable {@code code}; {@code field} names the part or field at
 * fault, {@code retryAt} the exact time to come back when the answer is "not yet".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String field, Instant retryAt) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("https://loginguard.io/problems/" + code, title, status, detail, code, null, null);
    }

    public Problem withField(String name) {
        return new Problem(type, title, status, detail, code, name, retryAt);
    }

    public Problem withRetryAt(Instant at) {
        return new Problem(type, title, status, detail, code, field, at);
    }
}
