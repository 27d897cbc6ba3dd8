package io.loginguard.ticket.web.pages;

import static io.loginguard.ticket.web.pages.PageData.form;

import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.cases.CaseService;
import io.loginguard.ticket.cases.CaseStatus;
import io.loginguard.ticket.cases.CaseView;
import io.loginguard.ticket.files.IncomingFile;
import io.loginguard.ticket.files.UploadRejected;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The person's pages, without an account session: follow a case opened in {@link OpenCasePages} with the case
 * access key that was mailed (kept in the {@code lgt_case} cookie of path /cases), and add files when a reviewer
 * asks; also the home page and the language switch. Plain forms posting here; each calls the service the JSON API
 * calls.
 */
@Path("/")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
@Blocking
public class CasePages {
    private final PageSupport pages;
    private final CaseService cases;
    private final TicketPolicy policy;

    public CasePages(PageSupport pages, CaseService cases, TicketPolicy policy) {
        this.pages = pages;
        this.cases = cases;
        this.policy = policy;
    }

    @GET
    public Response home(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.request(headers, http).redirect("/cases/new");
    }

    @GET
    @Path("lang")
    public Response language(@QueryParam("to") String to, @QueryParam("back") String back,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        r.setCookie(PageSupport.LANG, "zh".equals(to) ? "zh" : "en", "/", 365L * 24 * 3600);
        return r.redirect(PageSupport.localPath(back));
    }

    // ---- the addresses forms post to, asked for with GET (the language switch of a page answered to a POST)

    @GET
    @Path("cases/forget")
    public Response forgetAddress() {
        return Response.seeOther(URI.create("/cases/follow")).build();
    }

    @GET
    @Path("cases/{id}/files")
    public Response filesAddress(@PathParam("id") String id) {
        return Response.seeOther(URI.create(uuid(id).map(u -> "/cases/" + u).orElse("/cases/follow"))).build();
    }

    // ---- follow a case with its access key

    @GET
    @Path("cases/follow")
    public Response followPage(@QueryParam("id") String id, @QueryParam("opened") String opened,
                               @QueryParam("forgot") String forgot,
                               @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        String caseId = uuid(id).map(UUID::toString).orElse(null);
        String notice = opened != null && caseId != null ? r.cases().opened_notice(caseId)
                : forgot != null ? r.cases().forgot_notice() : null;
        return r.render("case-follow", form("id", caseId, "notice", notice));
    }

    @POST
    @Path("cases/follow")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response follow(@FormParam("csrf") String csrf, @FormParam("id") String id, @FormParam("key") String key,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused("/cases/follow");
        }
        String k = key == null ? "" : key.strip();
        Optional<UUID> caseId = uuid(id);
        if (caseId.isEmpty() || !k.matches("lgc_[A-Za-z0-9_-]{10,100}")) {
            return r.render("case-follow", 404, form("id", id, "error", r.err().err_case_key()));
        }
        return PageSupport.orUnavailable(r, "/cases/follow", () -> {
            try {
                cases.view(caseId.get(), "Bearer " + k);
            } catch (ApiException e) {
                return r.render("case-follow", 404, form("id", id, "error", r.err().err_case_key()));
            }
            r.setCookie(PageSupport.CASE, k, "/cases", -1);
            return r.redirect("/cases/" + caseId.get());
        });
    }

    @POST
    @Path("cases/forget")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response forget(@FormParam("csrf") String csrf, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused("/cases/follow");
        }
        r.clearCookie(PageSupport.CASE, "/cases");
        return r.redirect("/cases/follow?forgot=1");
    }

    @GET
    @Path("cases/{id}")
    public Response casePage(@PathParam("id") String id, @QueryParam("added") String added,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        Optional<UUID> caseId = uuid(id);
        String key = r.cookie(PageSupport.CASE);
        if (caseId.isEmpty() || key == null) {
            return r.redirect("/cases/follow" + caseId.map(u -> "?id=" + u).orElse(""));
        }
        return PageSupport.orUnavailable(r, "/cases/follow", () -> {
            try {
                CaseView v = cases.view(caseId.get(), "Bearer " + key);
                return casePage(r, 200, v, added == null ? null : r.cases().added_notice(), null, null);
            } catch (ApiException e) {
                return r.render("case-follow", 404, form("id", id, "error", r.err().err_case_key()));
            }
        });
    }

    private Response casePage(PageSupport.Req r, int status, CaseView v, String notice, String error, String message) {
        PageMessages m = r.msg();
        List<Map<String, Object>> messages = v.messages().stream().map(x -> form("from",
                "REVIEWER".equals(x.author()) ? m.from_reviewer() : r.cases().from_you(), "reviewer", "REVIEWER".equals(x.author()),
                "body", x.body(), "at", r.when(x.at()))).toList();
        List<Map<String, Object>> files = v.files().stream().map(f -> form("part", r.partLabel(f.part()),
                "type", f.contentType(), "bytes", PageSupport.kib(f.sizeBytes()), "at", r.when(f.addedAt()),
                "deleted", f.deletedAt() != null)).toList();
        return r.render("case", status, form("id", v.id().toString(), "title", CaseForms.title(m, v.type()),
                "status", CaseForms.status(m, v.status()), "statusName", v.status().name(),
                "created", r.when(v.createdAt()), "firstReplyDue", v.status().closed() ? null : r.when(v.firstReplyDueAt()),
                "resolutionDue", v.status().closed() ? null : r.when(v.resolutionDueAt()), "closed", r.when(v.closedAt()),
                "reason", v.decisionReason(), "messages", messages, "files", files,
                "waiting", v.status() == CaseStatus.WAITING_FOR_PERSON, "addFields", CaseForms.addFields(r),
                "asked", v.messages().stream().filter(x -> "REVIEWER".equals(x.author())).reduce((x, y) -> y)
                        .map(io.loginguard.ticket.cases.CaseMessage::body).orElse(null),
                "accept", CaseForms.ACCEPT, "acceptTypes", CaseForms.ACCEPT_TYPES, "maxFile", policy.uploads().maxFileBytes(),
                "limits", CaseForms.limits(r, policy), "message", message, "notice", notice, "error", error));
    }

    @POST
    @Path("cases/{id}/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response addFiles(@PathParam("id") String id, @RestForm String csrf, @RestForm String message,
                             @RestForm(FileUpload.ALL) List<FileUpload> files,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        Optional<UUID> caseId = uuid(id);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused(caseId.map(u -> "/cases/" + u).orElse("/cases/follow"));
        }
        String key = r.cookie(PageSupport.CASE);
        if (caseId.isEmpty() || key == null) {
            return r.redirect("/cases/follow" + caseId.map(u -> "?id=" + u).orElse(""));
        }
        String bearer = "Bearer " + key;
        return PageSupport.orUnavailable(r, "/cases/" + caseId.get(), () -> {
            try {
                cases.addFiles(caseId.get(), bearer, message, incoming(files));
                return r.redirect("/cases/" + caseId.get() + "?added=1");
            } catch (UploadRejected e) {
                return casePage(r, e.status(), cases.view(caseId.get(), bearer), null, r.uploadError(e), message);
            } catch (ApiException e) {
                if (e.problem().status() == 404 || e.problem().status() == 401) {
                    return r.render("case-follow", 404, form("id", id, "error", r.err().err_case_key()));
                }
                String text = "missing_part".equals(e.problem().code()) ? r.err().err_nothing_to_add() : r.errorText(e);
                return casePage(r, e.problem().status(), cases.view(caseId.get(), bearer), null, text, message);
            }
        });
    }

    /**
     * The files of a form as the service takes them. A file field left empty still arrives as a part with no name
     * and no bytes: it is no file, and left out (a named empty file stays, for the service to refuse).
     */
    static List<IncomingFile> incoming(List<FileUpload> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream().filter(f -> f.size() > 0 || f.fileName() != null && !f.fileName().isBlank())
                .map(f -> new IncomingFile(f.name(), f.uploadedFile(), f.size())).toList();
    }

    static Optional<UUID> uuid(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
