package io.loginguard.ticket.review;

import io.loginguard.ticket.cases.QueueItem;
import io.loginguard.ticket.cases.ReviewCaseView;
import io.loginguard.ticket.cases.ReviewWorkflow;
import io.loginguard.ticket.web.ApiException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** The reviewers' API: login, the queue, and each step of a case. Every call but login needs a reviewer token. */
@Path("/api/v1/review")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ReviewResource {
    private final Reviewers reviewers;
    private final ReviewWorkflow workflow;

    public ReviewResource(Reviewers reviewers, ReviewWorkflow workflow) {
        this.reviewers = reviewers;
        this.workflow = workflow;
    }

    public record Login(String username, String password) {
    }

    public record Note(String message) {
    }

    public record Rejection(String reason) {
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Reviewers.IssuedToken login(Login login) {
        return login == null ? reviewers.login(null, null) : reviewers.login(login.username(), login.password());
    }

    @GET
    @Path("/cases")
    public List<QueueItem> queue(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
        reviewers.authenticate(auth);
        return workflow.queue();
    }

    @GET
    @Path("/cases/{id}")
    public ReviewCaseView detail(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("id") String id) {
        reviewers.authenticate(auth);
        return workflow.detail(caseId(id));
    }

    @POST
    @Path("/cases/{id}/claim")
    public ReviewCaseView claim(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("id") String id) {
        return workflow.claim(caseId(id), reviewers.authenticate(auth));
    }

    @POST
    @Path("/cases/{id}/request-info")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReviewCaseView requestInfo(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("id") String id, Note note) {
        Reviewer reviewer = reviewers.authenticate(auth);
        return workflow.requestInfo(caseId(id), reviewer, note == null ? null : note.message());
    }

    @POST
    @Path("/cases/{id}/approve")
    public ReviewCaseView approve(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("id") String id) {
        return workflow.approve(caseId(id), reviewers.authenticate(auth));
    }

    @POST
    @Path("/cases/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReviewCaseView reject(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("id") String id, Rejection rejection) {
        Reviewer reviewer = reviewers.authenticate(auth);
        return workflow.reject(caseId(id), reviewer, rejection == null ? null : rejection.reason());
    }

    @GET
    @Path("/cases/{id}/files/{fileId}")
    @Produces({"image/jpeg", "image/png", "application/pdf", MediaType.APPLICATION_JSON})
    public Response file(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("id") String id,
                         @PathParam("fileId") String fileId) {
        Reviewer reviewer = reviewers.authenticate(auth);
        ReviewWorkflow.OpenedFile f = workflow.file(caseId(id), caseId(fileId), reviewer);
        return Response.ok(f.bytes(), f.contentType())
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"" + f.part() + "\"").build();
    }

    private static UUID caseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound();
        }
    }
}
