package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PageData.form;

import io.loginguard.auth.me.CurrentAccount;
import io.loginguard.auth.me.SecurityQuestions;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.quarkus.qute.TemplateData;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The security questions support asks before reactivating a frozen account: the questions set now (never the
 * answers), setting or replacing them, and removing them, each proven by the password, as the JSON API
 * ({@code PUT}/{@code DELETE /api/v1/me/security-questions}) is. A refused question or answer is named beside its field.
 */
@Path("/security/questions")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class SecurityQuestionPages {
    private static final Pattern FIELD = Pattern.compile("questions\\[(\\d)]\\.(question|answer)");

    private final PageSupport pages;
    private final SecurityQuestions questions;

    public SecurityQuestionPages(PageSupport pages, SecurityQuestions questions) {
        this.pages = pages;
        this.questions = questions;
    }

    /** One row of the form: its number, what was typed as the question, and the problems beside it. */
    @TemplateData
    public record Row(int n, String question, String questionError, String answerError) {
    }

    @GET
    public Response page(@QueryParam("done") String done, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> {
            List<String> current = questions.questionsOf(c.account());
            String notice = "saved".equals(done) ? r.acct().questions_saved()
                    : "removed".equals(done) ? r.acct().questions_removed() : null;
            return render(r, c, 200, rows(current), form("notice", notice));
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response set(@FormParam("csrf") String csrf, @FormParam("password") String password,
                        @FormParam("question1") String q1, @FormParam("answer1") String a1,
                        @FormParam("question2") String q2, @FormParam("answer2") String a2,
                        @FormParam("question3") String q3, @FormParam("answer3") String a3,
                        @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            List<String> typed = List.of(nz(q1), nz(q2), nz(q3));
            List<String> answers = List.of(nz(a1), nz(a2), nz(a3));
            List<SecurityQuestions.QuestionAndAnswer> given = new ArrayList<>();
            List<Integer> rowOf = new ArrayList<>(); // the form's row of each question given
            for (int i = 0; i < typed.size(); i++) {
                if (!typed.get(i).isBlank() || !answers.get(i).isBlank()) {
                    given.add(new SecurityQuestions.QuestionAndAnswer(typed.get(i), answers.get(i)));
                    rowOf.add(i + 1);
                }
            }
            try {
                if (password == null || password.isEmpty() || password.length() > 128) {
                    throw new ApiException(Problem.of(401, "invalid_credentials", "Invalid credentials", "the password is wrong"));
                }
                questions.set(c.account(), password, given);
                return r.redirect("/security/questions?done=saved");
            } catch (ApiException e) {
                return refused(r, c, e, typed, rowOf);
            }
        });
    }

    @POST
    @Path("removal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@FormParam("csrf") String csrf, @FormParam("password") String password,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            try {
                if (password == null || password.isEmpty() || password.length() > 128) {
                    throw new ApiException(Problem.of(401, "invalid_credentials", "Invalid credentials", "the password is wrong"));
                }
                questions.remove(c.account(), password);
                return r.redirect("/security/questions?done=removed");
            } catch (ApiException e) {
                if (r.refusal(e) != null) {
                    throw e;
                }
                List<String> current = questions.questionsOf(c.account());
                String text = "invalid_credentials".equals(e.problem().code()) ? r.err().err_current_password_wrong()
                        : r.errorText(e);
                return render(r, c, e.problem().status(), rows(current), form("removePasswordError", text));
            }
        });
    }

    /** The address the removal posts to, asked for with GET (the language switch of its answer): the page. */
    @GET
    @Path("removal")
    public Response removalAddress() {
        return Response.seeOther(java.net.URI.create("/security/questions")).build();
    }

    /** The form again, with what was typed (never the answers) and each problem beside its field. */
    private Response refused(PageSupport.Req r, CurrentAccount.Caller c, ApiException e, List<String> typed, List<Integer> rowOf) {
        if (r.refusal(e) != null) {
            throw e;
        }
        Problem p = e.problem();
        Map<Integer, String> questionErrors = new HashMap<>();
        Map<Integer, String> answerErrors = new HashMap<>();
        Map<String, Object> extra = new HashMap<>();
        if ("invalid_credentials".equals(p.code())) {
            extra.put("passwordError", r.err().err_current_password_wrong());
        } else if ("invalid_field".equals(p.code()) && p.errors() != null) {
            for (Problem.FieldError f : p.errors()) {
                Matcher m = FIELD.matcher(f.field() == null ? "" : f.field());
                String text = "answer_length".equals(f.code()) ? r.err().err_answer_length()
                        : "question_repeated".equals(f.code()) ? r.err().err_question_repeated() : r.err().err_question_length();
                if (m.matches() && Integer.parseInt(m.group(1)) < rowOf.size()) {
                    int row = rowOf.get(Integer.parseInt(m.group(1)));
                    (m.group(2).equals("answer") ? answerErrors : questionErrors).putIfAbsent(row, text);
                } else {
                    extra.put("error", r.err().err_question_count());
                }
            }
        } else {
            extra.put("error", r.errorText(e));
        }
        List<Row> rows = new ArrayList<>();
        for (int n = 1; n <= typed.size(); n++) {
            rows.add(new Row(n, typed.get(n - 1), questionErrors.get(n), answerErrors.get(n)));
        }
        return render(r, c, p.status(), rows, extra);
    }

    private Response render(PageSupport.Req r, CurrentAccount.Caller c, int status, List<Row> rows, Map<String, Object> extra) {
        Map<String, Object> data = form("current", questions.questionsOf(c.account()), "rows", rows);
        data.putAll(extra);
        return r.render("security-questions", status, data);
    }

    /** The form's rows, filled with the questions set now (the answers are never shown: only their hash is kept). */
    private static List<Row> rows(List<String> current) {
        List<Row> rows = new ArrayList<>();
        for (int n = 1; n <= SecurityQuestions.MAX; n++) {
            rows.add(new Row(n, n <= current.size() ? current.get(n - 1) : "", null, null));
        }
        return rows;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
