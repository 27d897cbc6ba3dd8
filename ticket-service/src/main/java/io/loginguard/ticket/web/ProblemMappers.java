package io.loginguard.ticket.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.loginguard.kit.db.Transactions.DatabaseUnavailableException;
import io.loginguard.ticket.files.UploadRejected;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure of a request as problem details: bad input a 400 or 413 naming the rule, framework errors keep their
 * status, PostgreSQL down is a 503 with Retry-After, and anything unexpected a 500 without internals (logged here).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response upload(UploadRejected e) {
        Problem p = Problem.of(e.status(), e.code(), e.status() == 413 ? "Content Too Large" : "Bad Request", e.getMessage());
        return new ApiException(e.part() == null ? p : p.withField(e.part())).toResponse();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        String field = e.getConstraintViolations().stream().findFirst()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    return path.substring(path.lastIndexOf('.') + 1);
                }).orElse(null);
        String message = e.getConstraintViolations().stream().findFirst().map(v -> v.getMessage()).orElse("invalid");
        return ApiException.invalidField(field, field + ": " + message).toResponse();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return ApiException.badRequest("malformed_json", "the request body is not a JSON object of the expected shape").toResponse();
    }

    @ServerExceptionMapper
    public Response outage(DatabaseUnavailableException e) {
        LOG.warnf("PostgreSQL unavailable: %s", e.getMessage());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", 5)
                .entity(Problem.of(503, "unavailable", "Service Unavailable", "try again in a few seconds")).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException j) {
            return json(j);
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return new ApiException(Problem.of(status, code, title, title)).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.errorf(e, "unexpected failure of a request");
        return Response.status(500).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(500, "internal_error", "Internal Server Error", "an unexpected error; it was logged")).build();
    }
}
