package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PageData.form;

import io.loginguard.auth.account.SubAccounts;
import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.me.CurrentAccount;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
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
import java.util.List;
import java.util.Map;

/**
 * A master's lockout policy for itself and its sub-accounts, as the JSON API's {@code GET/PUT
 * /api/v1/me/sub-accounts/risk-policy}: the numbers now, and a form to make them stricter (an empty field keeps the
 * default). A sub-account sees the numbers its master set, without the form. Linked from the sub-accounts page.
 */
@Path("/security/sub-accounts/risk-policy")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class RiskPolicyPages {
    private final PageSupport pages;
    private final SubAccounts subAccounts;
    private final int defaultThreshold;

    public RiskPolicyPages(PageSupport pages, SubAccounts subAccounts, AuthConfig config) {
        this.pages = pages;
        this.subAccounts = subAccounts;
        this.defaultThreshold = config.admission().threshold();
    }

    @GET
    public Response page(@QueryParam("saved") String saved, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> {
            SubAccounts.RiskPolicy policy = subAccounts.policyOf(c.account());
            Map<String, Object> data = data(r, c, policy);
            data.put("threshold", policy.lockoutThreshold() == null ? "" : policy.lockoutThreshold().toString());
            data.put("minutes", policy.lockMinutes() == null ? "" : policy.lockMinutes().toString());
            if (saved != null) {
                data.put("notice", r.sub().sub_policy_saved());
            }
            return r.render("risk-policy", data);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@FormParam("csrf") String csrf, @FormParam("lockoutThreshold") String threshold,
                         @FormParam("lockMinutes") String minutes,
                         @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            try {
                List<Problem.FieldError> errors = new ArrayList<>();
                Integer t = number(threshold, "lockoutThreshold", errors);
                Integer m = number(minutes, "lockMinutes", errors);
                errors.addAll(subAccounts.policyErrors(t, m)); // the numbers that are numbers, by the API's own rule
                if (!errors.isEmpty()) {
                    throw new ApiException(Problem.invalid("invalid_field", "the policy is not acceptable", errors));
                }
                subAccounts.setPolicy(c.account(), t, m);
                return r.redirect("/security/sub-accounts/risk-policy?saved=1");
            } catch (ApiException e) {
                if (r.refusal(e) != null || !"invalid_field".equals(e.problem().code())) {
                    throw e; // a sub-account (403 sub_account_not_allowed): the message page
                }
                Map<String, Object> data = data(r, c, subAccounts.policyOf(c.account()));
                data.put("threshold", threshold == null ? "" : threshold);
                data.put("minutes", minutes == null ? "" : minutes);
                for (Problem.FieldError f : e.problem().errors()) {
                    if ("lockoutThreshold".equals(f.field())) {
                        data.put("thresholdError", r.err().err_policy_threshold(defaultThreshold));
                    } else if ("lockMinutes".equals(f.field())) {
                        data.put("minutesError", r.err().err_policy_minutes());
                    }
                }
                return r.render("risk-policy", 400, data);
            }
        });
    }

    private Map<String, Object> data(PageSupport.Req r, CurrentAccount.Caller c, SubAccounts.RiskPolicy policy) {
        SubAccountMessages m = r.sub();
        return form("isSub", c.account().masterAccountId != null ? Boolean.TRUE : null,
                "max", defaultThreshold,
                "thresholdNow", policy.lockoutThreshold() == null ? m.sub_policy_default(defaultThreshold)
                        : policy.lockoutThreshold().toString(),
                "minutesNow", policy.lockMinutes() == null ? m.sub_policy_default_lock()
                        : m.sub_policy_minutes_value(policy.lockMinutes()));
    }

    /** A field's whole number; empty is null (the default); anything else is an error named after the field. */
    private static Integer number(String value, String field, List<Problem.FieldError> errors) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return null;
        }
        if (!v.matches("[0-9]{1,6}")) {
            errors.add(new Problem.FieldError(field, "must be a whole number"));
            return null;
        }
        return Integer.valueOf(v);
    }
}
