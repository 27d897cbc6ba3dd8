package io.loginguard.ticket.web.pages;

import static io.loginguard.ticket.web.pages.PageData.form;

import io.loginguard.ticket.cases.CaseStatus;
import io.loginguard.ticket.cases.QueueItem;
import io.loginguard.ticket.cases.ReviewCaseView;
import io.loginguard.ticket.cases.ReviewWorkflow;
import io.loginguard.ticket.review.Reviewer;
import io.loginguard.ticket.review.Reviewers;
import io.loginguard.ticket.web.ApiException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The reviewer console, for a reviewer logged in through {@link ReviewLoginPages} (the reviewer token in the
 * {@code lgt_review} cookie of path /review): the queue by SLA deadline, a case with its documents, its messages
 * and its audit trail, and the steps of the workflow. Every step calls {@link ReviewWorkflow}, as the JSON API
 * does. An end-user session or a case key opens nothing here.
 */
@Path("/review")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ReviewPages {
    private final PageSupport pages;
    private final Reviewers reviewers;
    private final ReviewWorkflow workflow;

    public ReviewPages(PageSupport pages, Reviewers reviewers, ReviewWorkflow workflow) {
        this.pages = pages;
        this.reviewers = reviewers;
        this.workflow = workflow;
    }

    private Optional<Reviewer> reviewer(PageSupport.Req r) {
        String token = r.cookie(PageSupport.REVIEW);
        if (token == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(reviewers.authenticate("Bearer " + token));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    /** The page of a signed-in reviewer, or the login page (saying the session ended when there was one). */
    private Response signedIn(PageSupport.Req r, String back, Function<Reviewer, Response> page) {
        return PageSupport.orUnavailable(r, back, () -> {
            Optional<Reviewer> who = reviewer(r);
            if (who.isEmpty()) {
                boolean had = r.cookie(PageSupport.REVIEW) != null;
                if (had) {
                    r.clearCookie(PageSupport.REVIEW, "/review");
                }
                return r.redirect("/review/login" + (had ? "?expired=1" : ""));
            }
            return page.apply(who.get());
        });
    }

    @GET
    public Response home(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.request(headers, http).redirect("/review/cases");
    }

    @GET
    @Path("cases")
    public Response queue(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        return signedIn(r, "/review/cases", who -> {
            ReviewMessages m = r.rev();
            List<Map<String, Object>> items = workflow.queue().stream().map(q -> queueRow(r, who, q)).toList();
            return r.render("review-queue", form("who", who.username(), "items", items,
                    "overdueCount", items.stream().filter(i -> Boolean.TRUE.equals(i.get("overdue"))).count(),
                    "empty", items.isEmpty() ? m.queue_empty() : null));
        });
    }

    private static Map<String, Object> queueRow(PageSupport.Req r, Reviewer who, QueueItem q) {
        PageMessages m = r.msg();
        ReviewMessages rm = r.rev();
        return form("id", q.id().toString(), "shortId", q.id().toString().substring(0, 8),
                "type", CaseForms.title(m, q.type()), "status", reviewStatus(r, q.status()),
                "created", r.when(q.createdAt()), "due", r.when(q.nextDueAt()), "overdue", q.overdue(),
                "waiting", q.waitingForPerson(),
                "claim", q.claimedBy() == null ? rm.claim_nobody() : q.claimedBy().equals(who.id()) ? rm.claim_you() : rm.claim_other());
    }

    @GET
    @Path("cases/{id}")
    public Response casePage(@PathParam("id") String id, @QueryParam("done") String done,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        return signedIn(r, "/review/cases", who -> {
            Optional<UUID> caseId = CasePages.uuid(id);
            if (caseId.isEmpty()) {
                return notFound(r);
            }
            try {
                return detail(r, 200, who, workflow.detail(caseId.get()), doneNotice(r.rev(), done), null);
            } catch (ApiException e) {
                return notFound(r);
            }
        });
    }

    /** The status as a reviewer reads it: the person is "you" only on the person's pages. */
    private static String reviewStatus(PageWords w, CaseStatus s) {
        return s == CaseStatus.WAITING_FOR_PERSON ? w.rev().status_waiting_person() : CaseForms.status(w.msg(), s);
    }

    private Response notFound(PageSupport.Req r) {
        return r.message(404, r.rev().review_not_found_title(), r.rev().review_not_found_text(), "/review/cases");
    }

    private static String doneNotice(ReviewMessages m, String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "claim" -> m.done_claim();
            case "request-info" -> m.done_request_info();
            case "approve" -> m.done_approve();
            case "reject" -> m.done_reject();
            default -> null;
        };
    }

    private Response detail(PageSupport.Req r, int status, Reviewer who, ReviewCaseView v, String notice, String error) {
        PageMessages m = r.msg();
        ReviewMessages rm = r.rev();
        String base = "/review/cases/" + v.id();
        List<Map<String, Object>> files = v.files().stream().map(f -> form("href", base + "/files/" + f.id(),
                "part", r.partLabel(f.part()), "image", f.contentType().startsWith("image/"), "type", f.contentType(),
                "bytes", PageSupport.kib(f.sizeBytes()), "at", r.when(f.addedAt()), "sha", f.sha256(),
                "deleted", f.deletedAt() != null)).toList();
        List<Map<String, Object>> messages = v.messages().stream().map(x -> form("from",
                "REVIEWER".equals(x.author()) ? m.from_reviewer() : rm.from_person(), "reviewer", "REVIEWER".equals(x.author()),
                "body", x.body(), "at", r.when(x.at()))).toList();
        List<Map<String, Object>> audit = v.audit().stream().map(a -> form("at", r.when(a.at()), "who",
                a.actorKind() + (a.actor() == null ? "" : " " + a.actor()), "action", a.action(), "detail", a.detail())).toList();
        boolean open = !v.status().closed();
        boolean mine = v.claimedBy() != null && v.claimedBy().equals(who.id());
        return r.render("review-case", status, form("who", who.username(), "id", v.id().toString(),
                "title", CaseForms.title(m, v.type()), "typeName", v.type().name(), "status", reviewStatus(r, v.status()),
                "account", v.accountId(), "newPhone", v.newPhone(), "created", r.when(v.createdAt()),
                "firstReplyDue", r.when(v.firstReplyDueAt()), "resolutionDue", r.when(v.resolutionDueAt()),
                "overdue", v.overdue(), "closed", r.when(v.closedAt()), "reason", v.decisionReason(),
                "claim", v.claimedBy() == null ? rm.claim_nobody() : mine ? rm.claim_you() : rm.claim_other(),
                "action", v.type().onApproval().name(),
                "files", files, "messages", messages, "audit", audit, "open", open,
                "canClaim", open && v.claimedBy() == null, "canAct", open && (v.claimedBy() == null || mine),
                "canAsk", open && (v.claimedBy() == null || mine) && v.status() != CaseStatus.WAITING_FOR_PERSON,
                "notice", notice, "error", error));
    }

    @POST
    @Path("cases/{id}/{step:claim|request-info|approve|reject}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response step(@PathParam("id") String id, @PathParam("step") String step, @FormParam("csrf") String csrf,
                         @FormParam("message") String message, @FormParam("reason") String reason,
                         @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        Optional<UUID> caseId = CasePages.uuid(id);
        String back = caseId.map(u -> "/review/cases/" + u).orElse("/review/cases");
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused(back);
        }
        return signedIn(r, back, who -> {
            if (caseId.isEmpty()) {
                return notFound(r);
            }
            UUID c = caseId.get();
            try {
                switch (step) {
                    case "claim" -> workflow.claim(c, who);
                    case "request-info" -> workflow.requestInfo(c, who, message);
                    case "approve" -> workflow.approve(c, who);
                    default -> workflow.reject(c, who, reason);
                }
                return r.redirect(back + "?done=" + step);
            } catch (ApiException e) {
                if (e.problem().status() == 404) {
                    return notFound(r);
                }
                return detail(r, e.problem().status(), who, workflow.detail(c), null, r.errorText(e));
            }
        });
    }

    /** The addresses the console's forms post to, asked for with GET (the language switch of an answer to a POST). */
    @GET
    @Path("cases/{id}/{step:claim|request-info|approve|reject}")
    public Response stepAddress(@PathParam("id") String id) {
        return Response.seeOther(URI.create(CasePages.uuid(id).map(u -> "/review/cases/" + u).orElse("/review/cases"))).build();
    }

    /**
     * A document, decrypted for a signed-in reviewer only ({@code Cache-Control: no-store}; every viewing is in the
     * audit trail). Images are shown inline; a PDF is downloaded (a browser's PDF viewer is not allowed by the
     * pages' Content-Security-Policy).
     */
    @GET
    @Path("cases/{id}/files/{fileId}")
    @Produces({"image/jpeg", "image/png", "application/pdf", MediaType.TEXT_HTML})
    public Response file(@PathParam("id") String id, @PathParam("fileId") String fileId,
                         @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        return signedIn(r, "/review/cases", who -> {
            Optional<UUID> caseId = CasePages.uuid(id);
            Optional<UUID> file = CasePages.uuid(fileId);
            if (caseId.isEmpty() || file.isEmpty()) {
                return notFound(r);
            }
            try {
                ReviewWorkflow.OpenedFile f = workflow.file(caseId.get(), file.get(), who);
                boolean image = f.contentType().startsWith("image/");
                String name = f.part() + (image ? "image/png".equals(f.contentType()) ? ".png" : ".jpg" : ".pdf");
                return Response.ok(f.bytes(), f.contentType()).header("Cache-Control", "no-store")
                        .header("Content-Disposition", (image ? "inline" : "attachment") + "; filename=\"" + name + "\"")
                        .build();
            } catch (ApiException e) {
                if ("file_deleted".equals(e.problem().code())) {
                    return r.message(410, r.rev().review_not_found_title(), r.err().err_file_deleted(), "/review/cases/" + caseId.get());
                }
                return notFound(r);
            }
        });
    }
}
