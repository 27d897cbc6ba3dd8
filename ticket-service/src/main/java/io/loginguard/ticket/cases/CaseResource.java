package io.loginguard.ticket.cases;

import io.loginguard.ticket.files.IncomingFile;
import io.loginguard.ticket.web.ApiException;
import io.loginguard.ticket.web.Problem;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The person's API: codes, opening a case, seeing it and adding what a reviewer asked for. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class CaseResource {
    private final CaseService cases;
    private final SecurityAnswers securityAnswers;

    public CaseResource(CaseService cases, SecurityAnswers securityAnswers) {
        this.cases = cases;
        this.securityAnswers = securityAnswers;
    }

    /** The body of {@code POST /api/v1/cases/email-codes}. */
    public record CodeRequest(String identifier, String type, String newPhone) {
    }

    @POST
    @Path("/email-codes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response sendCodes(CodeRequest request) {
        if (request == null || request.identifier() == null || request.identifier().isBlank()) {
            throw new ApiException(Problem.of(400, "missing_field", "Bad Request", "identifier is required").withField("identifier"));
        }
        cases.sendCodes(request.identifier(), request.type(), request.newPhone());
        return Response.accepted(new CodeAccepted("if this email can open a case, a code was sent to it")).build();
    }

    public record CodeAccepted(String message) {
    }

    /** The body of {@code POST /api/v1/cases/security-questions}. */
    public record QuestionsRequest(String identifier, String code) {
    }

    public record Questions(List<String> questions) {
    }

    @POST
    @Path("/security-questions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Questions securityQuestions(QuestionsRequest request) {
        if (request == null) {
            throw new ApiException(Problem.of(400, "missing_field", "Bad Request", "identifier and code are required")
                    .withField("identifier"));
        }
        return new Questions(securityAnswers.securityQuestions(request.identifier(), request.code()));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response open(@RestForm String type, @RestForm String identifier, @RestForm String code,
                         @RestForm String phoneCode, @RestForm String newPhone, @RestForm String description,
                         @RestForm("answer1") String answer1, @RestForm("answer2") String answer2,
                         @RestForm("answer3") String answer3,
                         @RestForm(FileUpload.ALL) List<FileUpload> files) {
        List<String> answers = new java.util.ArrayList<>();
        for (String a : new String[] {answer1, answer2, answer3}) {
            if (a != null) {
                answers.add(a);
            }
        }
        OpenedCase opened = cases.open(new OpenCaseForm(type, identifier, code, phoneCode, newPhone, description,
                answers), incoming(files));
        return Response.status(201).entity(opened).build();
    }

    @GET
    @Path("/{id}")
    public CaseView view(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return cases.view(caseId(id), authorization);
    }

    @POST
    @Path("/{id}/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public CaseView addFiles(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @RestForm String message, @RestForm(FileUpload.ALL) List<FileUpload> files) {
        return cases.addFiles(caseId(id), authorization, message, incoming(files));
    }

    static List<IncomingFile> incoming(List<FileUpload> files) {
        return files == null ? List.of() : files.stream().map(f -> new IncomingFile(f.name(), f.uploadedFile(), f.size())).toList();
    }

    static UUID caseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound();
        }
    }
}
