package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PageData.form;

import io.loginguard.auth.login.LoginHistory;
import io.loginguard.events.LoginAttempted;
import io.quarkus.qute.TemplateData;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The signed-in person's login history: every recent attempt, each asking "was this you?". */
@Path("/security")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class HistoryPages {
    private final PageSupport pages;
    private final LoginHistory history;

    public HistoryPages(PageSupport pages, LoginHistory history) {
        this.pages = pages;
        this.history = history;
    }

    /** An attempt as the history page shows it. */
    @TemplateData
    public record AttemptRow(String when, String result, boolean failed, String method, String where, String device) {
    }

    @GET
    @Path("history")
    public Response historyPage(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> {
            SecurityMessages s = r.sec();
            PageMessages m = r.msg();
            List<AttemptRow> rows = history.of(c.account().id).stream().map(e -> new AttemptRow(
                    SecurityPages.when(e.at()),
                    outcome(s, e.outcome()) + " (" + stage(s, e.stage()) + ")",
                    e.outcome() != LoginAttempted.Outcome.SUCCEEDED,
                    e.method() == null ? "" : method(m, s, e.method()),
                    (e.ip() == null ? "" : e.ip()) + (e.country() == null ? "" : " (" + e.country() + ")"),
                    e.userAgent() != null ? e.userAgent() : e.deviceId() != null ? e.deviceId() : "?")).toList();
            return r.render("history", form("attempts", rows));
        });
    }

    static String outcome(SecurityMessages m, LoginAttempted.Outcome o) {
        return switch (o) {
            case SUCCEEDED -> m.outcome_SUCCEEDED();
            case BAD_PASSWORD -> m.outcome_BAD_PASSWORD();
            case BAD_CODE -> m.outcome_BAD_CODE();
            case UNKNOWN_ACCOUNT -> m.outcome_UNKNOWN_ACCOUNT();
            case REJECTED_LOCKED -> m.outcome_REJECTED_LOCKED();
            case REJECTED_THROTTLED -> m.outcome_REJECTED_THROTTLED();
            default -> m.outcome_UNKNOWN();
        };
    }

    static String stage(SecurityMessages m, LoginAttempted.Stage s) {
        return switch (s) {
            case PASSWORD -> m.stage_PASSWORD();
            case SECOND_FACTOR -> m.stage_SECOND_FACTOR();
            case STEP_UP -> m.stage_STEP_UP();
            default -> m.outcome_UNKNOWN();
        };
    }

    static String method(PageMessages m, SecurityMessages s, LoginAttempted.Method x) {
        return switch (x) {
            case EMAIL_PASSWORD, PHONE_PASSWORD -> m.password();
            case TOTP -> m.method_TOTP();
            case SMS_CODE -> m.method_SMS_CODE();
            case EMAIL_CODE -> m.method_EMAIL_CODE();
            case BACKUP_CODE -> m.method_BACKUP_CODE();
            case PASSKEY -> m.passkeys_title();
            default -> s.outcome_UNKNOWN();
        };
    }
}
