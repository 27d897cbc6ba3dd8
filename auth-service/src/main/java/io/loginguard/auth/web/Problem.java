package io.loginguard.auth.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details with a stable machine-readable {@code code}; {@code errors} names the fields at
 * fault when the problem is bad input.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("https://loginguard.io/problems/" + code, title, status, detail, code, null);
    }

    public static Problem invalid(String code, String detail, List<FieldError> errors) {
        return new Problem("https://loginguard.io/problems/" + code, "Invalid request", 400, detail, code, errors);
    }

    /** A field at fault; {@code code} says which rule, where there is one (e.g. password_too_common). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, String code) {
        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }
}
