package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PageData.enc;
import static io.loginguard.auth.web.pages.PageData.form;

import io.loginguard.auth.account.AccountView;
import io.loginguard.auth.account.SubAccounts;
import io.loginguard.auth.me.CurrentAccount;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.quarkus.qute.TemplateData;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A master's sub-accounts: the list, creating one (its own email and password), freezing one after a confirmation. */
@Path("/security/sub-accounts")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class SubAccountPages {
    private final PageSupport pages;
    private final SubAccounts subAccounts;

    public SubAccountPages(PageSupport pages, SubAccounts subAccounts) {
        this.pages = pages;
        this.subAccounts = subAccounts;
    }

    /** A sub-account as the list shows it. */
    @TemplateData
    public record SubRow(String id, String email, String status, boolean active, String created) {
    }

    private Map<String, Object> data(PageSupport.Req r, CurrentAccount.Caller c) {
        if (c.account().masterAccountId != null) {
            return form("isSub", true);
        }
        PageMessages m = r.msg();
        List<SubRow> rows = subAccounts.of(c.account()).stream().map(v -> new SubRow(v.id().toString(), v.email(),
                switch (v.status()) {
                    case ACTIVE -> m.status_ACTIVE();
                    case FROZEN -> m.status_FROZEN();
                    default -> m.status_PENDING();
                }, v.status() == io.loginguard.auth.account.Account.Status.ACTIVE, SecurityPages.when(v.createdAt()))).toList();
        return form("subs", rows);
    }

    @GET
    public Response list(@QueryParam("created") String created, @QueryParam("frozen") String frozen,
                         @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> {
            Map<String, Object> data = data(r, c);
            // the notice names a sub-account only if it is one of this master's (an address cannot put words here)
            @SuppressWarnings("unchecked")
            List<SubRow> subs = (List<SubRow>) data.getOrDefault("subs", List.of());
            if (created != null && subs.stream().anyMatch(x -> x.email().equals(created))) {
                data.put("notice", r.sub().sub_created(created));
            } else if (frozen != null && subs.stream().anyMatch(x -> x.email().equals(frozen) && !x.active())) {
                data.put("notice", r.sub().sub_frozen(frozen));
            }
            return r.render("sub-accounts", data);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("csrf") String csrf, @FormParam("email") String email,
                           @FormParam("password") String password,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            try {
                if (email == null || email.isBlank() || email.length() > 254 || !email.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    throw new ApiException(Problem.invalid("invalid_field", "invalid value for: email",
                            List.of(new Problem.FieldError("email", "must be an email address"))));
                }
                if (password == null || password.isEmpty() || password.length() > 128) {
                    throw new ApiException(Problem.invalid("password_too_long", "the password must be 8 to 128 characters",
                            List.of(new Problem.FieldError("password", "must be 8 to 128 characters", "password_length"))));
                }
                AccountView v = subAccounts.create(c.account(), email.strip(), password);
                return r.redirect("/security/sub-accounts?created=" + enc(v.email()));
            } catch (ApiException e) {
                if (r.refusal(e) != null || "sub_account_not_allowed".equals(e.problem().code())) {
                    throw e;
                }
                Map<String, Object> data = data(r, c);
                String field = e.problem().code().startsWith("password_") ? "password" : "email";
                data.putAll(r.beside(e, field));
                data.put("email", email);
                return r.render("sub-accounts", e.problem().status(), data);
            }
        });
    }

    @GET
    @Path("{id}/freeze")
    public Response freezePage(@PathParam("id") String id, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> {
            SubRow row = find(r, c, id);
            return r.render("sub-freeze", form("sub", row));
        });
    }

    @POST
    @Path("{id}/freeze")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response freeze(@PathParam("id") String id, @FormParam("csrf") String csrf,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            SubRow row = find(r, c, id);
            subAccounts.freeze(c.account(), UUID.fromString(row.id()), r.client());
            return r.redirect("/security/sub-accounts?frozen=" + enc(row.email()));
        });
    }

    @SuppressWarnings("unchecked")
    private SubRow find(PageSupport.Req r, CurrentAccount.Caller c, String id) {
        Object subs = data(r, c).get("subs");
        return (subs == null ? List.<SubRow>of() : (List<SubRow>) subs).stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException(Problem.of(404, "sub_account_not_found", "No such sub-account",
                        "this account has no sub-account with this id")));
    }
}
