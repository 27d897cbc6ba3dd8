package io.loginguard.ticket.web;

import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** A refusal the API answers as problem details; never carries a secret or document bytes. */
public class ApiException extends RuntimeException {
    private final Problem problem;
    private final Duration retryAfter;

    public ApiException(Problem problem) {
        this(problem, null);
    }

    private ApiException(Problem problem, Duration retryAfter) {
        super(problem.code() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    /** "Not yet": the problem names the instant to come back, and Retry-After the seconds until it from {@code now}. */
    public static ApiException tooEarly(Problem problem, java.time.Instant retryAt, java.time.Instant now) {
        return new ApiException(problem.withRetryAt(retryAt), Duration.between(now, retryAt));
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(Problem.of(400, code, "Bad Request", detail));
    }

    public static ApiException invalidField(String field, String detail) {
        return new ApiException(Problem.of(400, "invalid_field", "Bad Request", detail).withField(field));
    }

    public static ApiException tooLarge(String code, String detail) {
        return new ApiException(Problem.of(413, code, "Content Too Large", detail));
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(Problem.of(409, code, "Conflict", detail));
    }

    public static ApiException notFound() {
        return new ApiException(Problem.of(404, "case_not_found", "Not Found", "no such case, or not yours to see"));
    }

    public static ApiException unauthorized(String code, String detail) {
        return new ApiException(Problem.of(401, code, "Unauthorized", detail));
    }

    public Problem problem() {
        return problem;
    }

    public Response toResponse() {
        Response.ResponseBuilder r = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfter != null) {
            // whole seconds, rounded up: coming back after Retry-After is never too early
            long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            r.header("Retry-After", seconds);
        }
        if (problem.status() == 401) {
            r.header("WWW-Authenticate", "Bearer");
        }
        return r.build();
    }
}
