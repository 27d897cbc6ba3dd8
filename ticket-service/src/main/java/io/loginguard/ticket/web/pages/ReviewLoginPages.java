package io.loginguard.ticket.web.pages;

import static io.loginguard.ticket.web.pages.PageData.form;

import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.review.Reviewers;
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

/**
 * The reviewer console's door: log in with a reviewer account (the same name, password and lockout as
 * {@code POST /api/v1/review/login}; the reviewer token is kept in the {@code lgt_review} cookie of path /review),
 * and log out. The console itself is {@link ReviewPages}.
 */
@Path("/review")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ReviewLoginPages {
    private final PageSupport pages;
    private final Reviewers reviewers;
    private final TicketPolicy policy;

    public ReviewLoginPages(PageSupport pages, Reviewers reviewers, TicketPolicy policy) {
        this.pages = pages;
        this.reviewers = reviewers;
        this.policy = policy;
    }

    @GET
    @Path("login")
    public Response loginPage(@QueryParam("out") String out, @QueryParam("expired") String expired,
                              @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        return r.render("review-login", form("notice", out == null ? null : r.rev().review_signed_out(),
                "error", expired == null ? null : r.rev().review_expired()));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("csrf") String csrf, @FormParam("username") String username,
                          @FormParam("password") String password,
                          @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused("/review/login");
        }
        return PageSupport.orUnavailable(r, "/review/login", () -> {
            try {
                Reviewers.IssuedToken t = reviewers.login(username, password);
                r.setCookie(PageSupport.REVIEW, t.token(), "/review", policy.reviewers().tokenValidFor().toSeconds());
                return r.redirect("/review/cases");
            } catch (ApiException e) {
                return r.render("review-login", 401, form("username", username, "error", r.errorText(e)));
            }
        });
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@FormParam("csrf") String csrf, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        if (!r.csrfValid(csrf)) {
            return r.csrfRefused("/review/cases");
        }
        return PageSupport.orUnavailable(r, "/review/cases", () -> {
            reviewers.logout(r.cookie(PageSupport.REVIEW));
            r.clearCookie(PageSupport.REVIEW, "/review");
            return r.redirect("/review/login?out=1");
        });
    }

    /** The address the logout form posts to, asked for with GET (the language switch of an answer to a POST). */
    @GET
    @Path("logout")
    public Response logoutAddress() {
        return Response.seeOther(URI.create("/review/cases")).build();
    }
}
