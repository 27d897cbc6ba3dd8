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
