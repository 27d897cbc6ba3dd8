package io.loginguard.auth.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure of a request to problem details: bad input is a 400 naming the field, framework
 * errors keep their status, a dependency that is down is a 503 with Retry-After, and anything unexpected is a
 * 500 without internals (logged here instead).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return new ApiException(Problem.invalid("invalid_field", "invalid value for: " + fields, errors)).toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return new ApiException(Problem.invalid("malformed_json", "the request body is not valid JSON", List.of()))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return wrongType(e);
    }

    @ServerExceptionMapper
    public Response wrongType(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (field.isEmpty()) {
            return new ApiException(Problem.invalid("malformed_json", "the request body is not a JSON object of the expected shape",
                    List.of())).toResponse();
        }
        String message = e instanceof InvalidFormatException || e instanceof MismatchedInputException
                ? "has the wrong type" : "cannot be read";
        return new ApiException(Problem.invalid("invalid_field", "invalid value for: " + field,
                List.of(new Problem.FieldError(field, message)))).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // the JSON reader wraps what Jackson said in a 400: answer from the cause
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return wrongType(mapping);
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "bad_request";
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
        if (Outages.isOutage(e)) {
            LOG.warnf("a dependency is unavailable: %s", e.toString());
            return new ApiException(Problem.of(503, "unavailable", "Temporarily unavailable",
                    "this is temporarily unavailable; please try again shortly"), java.time.Duration.ofSeconds(5)).toResponse();
        }
        LOG.error("unexpected failure of a request", e);
        return new ApiException(Problem.of(500, "internal_error", "Internal error",
                "something went wrong on our side; nothing was changed")).toResponse();
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // "register.request.email" -> "email": the client knows the body's fields, not our method names
        int dot = path.lastIndexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }
}
