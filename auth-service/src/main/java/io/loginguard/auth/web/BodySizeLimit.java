package io.loginguard.auth.web;

import io.loginguard.events.EventJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body declared larger than the API accepts with a problem-details 413 before reading it.
 * (quarkus.http.limits.max-body-size stays as the backstop for bodies sent without a Content-Length.)
 */
@ApplicationScoped
public class BodySizeLimit {
    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "loginguard.api.max-body-bytes", defaultValue = "16384") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(-100).handler(this::limit);
    }

    private void limit(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            Problem p = Problem.of(413, "body_too_large", "Request body too large",
                    "the request body must be at most " + maxBytes + " bytes");
            rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close").end(EventJson.toJson(p));
            return;
        }
        rc.next();
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
