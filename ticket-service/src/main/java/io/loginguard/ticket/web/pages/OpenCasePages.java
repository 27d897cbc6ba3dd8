package io.loginguard.ticket.web.pages;

import static io.loginguard.ticket.web.pages.PageData.enc;
import static io.loginguard.ticket.web.pages.PageData.form;

import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.cases.CaseService;
import io.loginguard.ticket.cases.CaseType;
import io.loginguard.ticket.cases.OpenCaseForm;
import io.loginguard.ticket.cases.OpenedCase;
import io.loginguard.ticket.cases.SecurityAnswers;
import io.loginguard.ticket.files.UploadRejected;
import io.loginguard.ticket.web.ApiException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Opening a case, without an account session: the type, the email proven by a code (and the phone's when the type
 * asks for it), then the type's documents; a reactivation first proves the codes and answers the account's security
 * questions. Plain forms posting here; each calls the service the JSON API calls. Following the case is
 * {@link CasePages}.
 */
@Path("/")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
@Blocking
public class OpenCasePages {
    static final int MAX_EMAIL = 254;

    private final PageSupport pages;
    private final CaseService cases;
    private final SecurityAnswers securityAnswers;
    private final TicketPolicy policy;

    public OpenCasePages(PageSupport pages, CaseService cases, SecurityAnswers securityAnswers, TicketPolicy policy) {
        this.pages = pages;
        this.cases = cases;
        this.securityAnswers = securityAnswers;
        this.policy = policy;
    }

    @GET
    @Path("cases/new")
    public Response start(@QueryParam("type") String typeName, @QueryParam("email") String email,
                          @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        Optional<CaseType> type = CaseType.parse(typeName);
        if (type.isEmpty()) {
            return r.render("case-types", typeName == null ? 200 : 404, form("types", CaseForms.choices(r),
                    "error", typeName == null ? null : r.err().err_unknown_type()));
        }
        return startPage(r, 200, type.get(), email, null, null);
    }

    private Response startPage(PageSupport.Req r, int status, CaseType type, String email, String newPhone, String error) {
        return r.render("case-start", status, form("type", type.name(), "title", CaseForms.title(r.msg(), type),
                "intro", CaseForms.intro(r.cases(), type), "email", email, "newPhone", newPhone,
                "needsNewPhone", type.needsNewPhone(), "provesPhone", type.provesRegisteredPhone(),
                "files", CaseForms.fileFields(r, type), "error", error));
    }

    @POST
    @Path("cases/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sendCodes(@FormParam("csrf") String csrf, @FormParam("type") String typeName,
                              @FormParam("email") String email, @FormParam("newPhone") String newPhone,
                              @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused("/cases/new");
        }
        Optional<CaseType> parsed = CaseType.parse(typeName);
        if (parsed.isEmpty()) {
            return r.redirect("/cases/new");
        }
        CaseType type = parsed.get();
        return PageSupport.orUnavailable(r, "/cases/new?type=" + type.name(), () -> {
            if (email == null || email.isBlank() || email.length() > MAX_EMAIL) {
                return startPage(r, 400, type, email, newPhone, r.err().err_missing_field(r.cases().email()));
            }
            try {
                cases.sendCodes(email.strip(), type.name(), newPhone);
            } catch (ApiException e) {
                return startPage(r, e.problem().status(), type, email, newPhone, r.errorText(e));
            }
            return r.redirect("/cases/new/details?type=" + type.name() + "&email=" + enc(email.strip())
                    + (type.needsNewPhone() ? "&newPhone=" + enc(newPhone.strip()) : ""));
        });
    }

    @GET
    @Path("cases/new/details")
    public Response details(@QueryParam("type") String typeName, @QueryParam("email") String email,
                            @QueryParam("newPhone") String newPhone,
                            @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        Optional<CaseType> type = CaseType.parse(typeName);
        if (type.isEmpty() || email == null || email.isBlank()) {
            return r.redirect("/cases/new" + type.map(t -> "?type=" + t.name()).orElse(""));
        }
        Details d = new Details(type.get(), email, newPhone);
        if (type.get() == CaseType.REACTIVATION) {
            return codesPage(r, 200, d, null);
        }
        return detailsPage(r, 200, d, null);
    }

    /** What a details form carries from one answer to the next (never the files: a browser cannot be given them). */
    record Details(CaseType type, String email, String newPhone, String code, String phoneCode, String description,
                   List<String> questions, List<String> answers) {
        Details {
            email = email == null ? "" : email.strip();
        }

        Details(CaseType type, String email, String newPhone) {
            this(type, email, newPhone, null, null, null, List.of(), List.of());
        }
    }

    /** A reactivation first proves the codes, then answers the account's security questions with its documents. */
    private Response codesPage(PageSupport.Req r, int status, Details d, String error) {
        return r.render("case-codes", status, form("type", d.type().name(), "title", CaseForms.title(r.msg(), d.type()),
                "email", d.email(), "code", d.code(), "phoneCode", d.phoneCode(), "error", error));
    }

    private Response detailsPage(PageSupport.Req r, int status, Details d, String error) {
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < d.questions().size() && i < 3; i++) {
            questions.add(new Question(i + 1, d.questions().get(i), i < d.answers().size() ? d.answers().get(i) : null));
        }
        return r.render("case-details", status, form("type", d.type().name(), "title", CaseForms.title(r.msg(), d.type()),
                "email", d.email(), "newPhone", d.newPhone(), "code", d.code(), "phoneCode", d.phoneCode(),
                "description", d.description(), "askPhoneCode", d.type().needsNewPhone() || d.type().provesRegisteredPhone(),
                "phoneCodeRequired", d.type().needsNewPhone(), "reactivation", d.type() == CaseType.REACTIVATION,
                "questions", questions, "files", CaseForms.fileFields(r, d.type()), "accept", CaseForms.ACCEPT,
                "acceptTypes", CaseForms.ACCEPT_TYPES, "maxFile", policy.uploads().maxFileBytes(),
                "maxCase", policy.uploads().maxCaseBytes(), "limits", CaseForms.limits(r, policy), "error", error));
    }

    /** A security question of the account and the answer given so far. */
    record Question(int n, String text, String answer) {
    }

    @POST
    @Path("cases/new/questions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response questions(@FormParam("csrf") String csrf, @FormParam("email") String email,
                              @FormParam("code") String code, @FormParam("phoneCode") String phoneCode,
                              @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused("/cases/new?type=REACTIVATION");
        }
        Details d = new Details(CaseType.REACTIVATION, email, null, trim(code), trim(phoneCode), null, List.of(), List.of());
        return PageSupport.orUnavailable(r, "/cases/new?type=REACTIVATION", () -> {
            try {
                List<String> questions = securityAnswers.securityQuestions(email, d.code());
                return detailsPage(r, 200, new Details(d.type(), email, null, d.code(), d.phoneCode(), null, questions,
                        List.of()), null);
            } catch (ApiException e) {
                return codesPage(r, e.problem().status(), d, r.errorText(e));
            }
        });
    }

    @POST
    @Path("cases/new/details")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response open(@RestForm String csrf, @RestForm String type, @RestForm String identifier, @RestForm String code,
                         @RestForm String phoneCode, @RestForm String newPhone, @RestForm String description,
                         @RestForm String answer1, @RestForm String answer2, @RestForm String answer3,
                         @RestForm String question1, @RestForm String question2, @RestForm String question3,
                         @RestForm(FileUpload.ALL) List<FileUpload> files,
                         @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused("/cases/new");
        }
        Optional<CaseType> parsed = CaseType.parse(type);
        if (parsed.isEmpty()) {
            return r.redirect("/cases/new");
        }
        List<String> answers = present(answer1, answer2, answer3);
        Details d = new Details(parsed.get(), identifier, newPhone, trim(code), trim(phoneCode), description,
                present(question1, question2, question3), answers);
        return PageSupport.orUnavailable(r, "/cases/new?type=" + d.type().name(), () -> {
            try {
                OpenedCase opened = cases.open(new OpenCaseForm(d.type().name(), identifier, d.code(), d.phoneCode(),
                        newPhone, description, answers), CasePages.incoming(files));
                return r.redirect("/cases/follow?opened=1&id=" + opened.id());
            } catch (UploadRejected e) {
                return detailsPage(r, e.status(), d, r.uploadError(e));
            } catch (ApiException e) {
                if (d.type() == CaseType.REACTIVATION && "invalid_code".equals(e.problem().code())) {
                    return codesPage(r, e.problem().status(), d, r.errorText(e));
                }
                return detailsPage(r, e.problem().status(), d, r.errorText(e));
            }
        });
    }

    /** The address the codes form posts to, asked for with GET (the language switch of a page answered to a POST). */
    @GET
    @Path("cases/new/questions")
    public Response questionsAddress() {
        return Response.seeOther(URI.create("/cases/new?type=REACTIVATION")).build();
    }

    private static String trim(String s) {
        return s == null ? null : s.replaceAll("\\s", "");
    }

    private static List<String> present(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }
}
