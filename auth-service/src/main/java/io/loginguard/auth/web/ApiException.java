package io.loginguard.auth.web;

import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** A request that ends with a problem-details answer; thrown by services, mapped once in {@link ProblemMappers}. */
public class ApiException extends RuntimeException {
    private final Problem problem;
    private final Duration retryAfter;

    public ApiException(Problem problem, Duration retryAfter) {
        super(problem.code() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public ApiException(Problem problem) {
        this(problem, null);
    }

    /** 429 too_frequent ("Operations too frequent"), with how long to wait. */
    public static ApiException tooFrequent(String detail, Duration wait) {
        return new ApiException(Problem.of(429, "too_frequent", "Operations too frequent", detail), wait);
    }

    /** invalid_code: a code that is wrong, used up or burned (400 where no credential is at stake, else 401). */
    public static ApiException invalidCode(int status, String detail) {
        return new ApiException(Problem.of(status, "invalid_code", "Invalid code", detail));
    }

    public Problem problem() {
        return problem;
    }

    public Response toResponse() {
        Response.ResponseBuilder b = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfter != null) {
            // whole seconds, rounded up: a client that waits exactly this long is not refused again
            long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            b.header("Retry-After", seconds);
        }
        return b.build();
    }
}
