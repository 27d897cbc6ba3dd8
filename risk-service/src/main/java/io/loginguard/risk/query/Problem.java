package io.loginguard.risk.query;

import com.fasterxml.jackson.annotation.JsonInclude;

/** RFC 9457 problem details with a stable machine-readable {@code code}, as every Loginguard service answers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("https://loginguard.io/problems/" + code, title, status, detail, code);
    }
}
