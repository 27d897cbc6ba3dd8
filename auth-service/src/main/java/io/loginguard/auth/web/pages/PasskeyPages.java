package io.loginguard.auth.web.pages;

import static io.loginguard.auth.web.pages.PageData.form;

import io.loginguard.auth.factor.Factors;
import io.loginguard.auth.me.CurrentAccount;
import io.loginguard.auth.passkey.PasskeyAssertions;
import io.loginguard.auth.passkey.PasskeyRegistration;
import io.loginguard.auth.passkey.Passkeys;
import io.loginguard.auth.web.ApiException;
import io.loginguard.events.LoginAttempted;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The security settings' passkeys: the list, adding one, which {@code passkeys.js} does with
 * navigator.credentials.create() (it asks this page's options endpoint with a form POST carrying the CSRF token,
 * then fills the add form's hidden fields with the browser's answer and submits it), and removing one, which needs
 * a proof: a passkey (passkeys.js asks the proof options and navigator.credentials.get()) or a code from the
 * authenticator app or a backup code, as turning a factor off does.
 */
@Path("/security/passkeys")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class PasskeyPages {
    private final PageSupport pages;
    private final PasskeyRegistration registration;
    private final Passkeys passkeys;
    private final Factors factors;

    public PasskeyPages(PageSupport pages, PasskeyRegistration registration, Passkeys passkeys, Factors factors) {
        this.pages = pages;
        this.registration = registration;
        this.passkeys = passkeys;
        this.factors = factors;
    }

    /** A passkey as the list shows it. */
    @TemplateData
    public record PasskeyRow(String id, String name, String created, String lastUsed) {
    }

    private Map<String, Object> data(PageSupport.Req r, CurrentAccount.Caller c) {
        List<PasskeyRow> rows = passkeys.list(c.account().id).stream().map(p -> new PasskeyRow(p.id().toString(), p.name(),
                SecurityPages.when(p.createdAt()),
                p.lastUsedAt() == null ? r.msg().passkeys_never() : SecurityPages.when(p.lastUsedAt()))).toList();
        List<LoginAttempted.Method> methods = QuarkusTransaction.requiringNew().call(() -> factors.methodsOf(c.account().id));
        return form("passkeys", rows, "proofs", FactorPages.proofOptions(r.msg(), methods));
    }

    @GET
    public Response list(@QueryParam("added") String added, @QueryParam("removed") String removed,
                         @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.page(headers, http, (r, c) -> {
            Map<String, Object> data = data(r, c);
            if (added != null) {
                data.put("notice", r.msg().passkeys_added());
            } else if (removed != null) {
                data.put("notice", r.msg().passkeys_removed());
            }
            return r.render("passkeys", data);
        });
    }

    /** The options for navigator.credentials.create(), as JSON, to a form POST carrying the CSRF token. */
    @POST
    @Path("options")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response options(@FormParam("csrf") String csrf, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> Response.ok(registration.options(c.account()))
                .type(MediaType.APPLICATION_JSON).build());
    }

    /** The options for navigator.credentials.get() proving a removal, as JSON, to a form POST with the CSRF token. */
    @POST
    @Path("proof-options")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response proofOptions(@FormParam("csrf") String csrf, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> Response.ok(passkeys.proofOptions(c.account()))
                .type(MediaType.APPLICATION_JSON).build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@FormParam("csrf") String csrf, @FormParam("name") String name, @FormParam("id") String id,
                        @FormParam("clientDataJSON") String clientDataJSON,
                        @FormParam("attestationObject") String attestationObject,
                        @FormParam("transports") String transports,
                        @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            List<String> t = transports == null || transports.isBlank() ? List.of()
                    : Arrays.stream(transports.split(",")).map(String::trim).filter(s -> !s.isEmpty()).limit(8).toList();
            registration.register(c.account(), new PasskeyRegistration.NewPasskey(name, id, clientDataJSON, attestationObject, t));
            return r.redirect("/security/passkeys?added=1");
        });
    }

    /** The address the remove forms post to, asked for with GET (the language switch of an answered POST): the list. */
    @GET
    @Path("{id}/remove")
    public Response removeAddress() {
        return Response.seeOther(java.net.URI.create("/security/passkeys")).build();
    }

    /** Removes a passkey with the form's proof: method PASSKEY and the assertion passkeys.js put in, or a code. */
    @POST
    @Path("{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("id") String id, @FormParam("csrf") String csrf,
                           @FormParam("method") String method, @FormParam("code") String code,
                           @FormParam("id") String credentialId, @FormParam("clientDataJSON") String clientDataJSON,
                           @FormParam("authenticatorData") String authenticatorData,
                           @FormParam("signature") String signature, @FormParam("userHandle") String userHandle,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            UUID passkeyId;
            try {
                passkeyId = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                return r.redirect("/security/passkeys");
            }
            try {
                passkeys.remove(c.account(), passkeyId, proof(method, code,
                        new PasskeyAssertions.Assertion(credentialId, clientDataJSON, authenticatorData, signature, userHandle)));
                return r.redirect("/security/passkeys?removed=1");
            } catch (ApiException e) {
                if ("passkey_not_found".equals(e.problem().code())) {
                    return r.redirect("/security/passkeys");
                }
                if (r.refusal(e) != null) {
                    throw e;
                }
                Map<String, Object> data = data(r, c);
                data.put("error", r.errorText(e));
                return r.render("passkeys", e.problem().status(), data);
            }
        });
    }

    /** The form's proof: a passkey's assertion, a code of the kinds the page offers, or invalid_code. */
    private static Passkeys.Proof proof(String method, String code, PasskeyAssertions.Assertion assertion) {
        if ("PASSKEY".equals(method)) {
            return new Passkeys.Proof(LoginAttempted.Method.PASSKEY, null, assertion);
        }
        LoginAttempted.Method m = FactorPages.proofMethod(method);
        if (m == null || code == null || !code.strip().matches("[0-9A-Za-z -]{1,20}")) {
            throw ApiException.invalidCode(401, "the code is wrong or already used");
        }
        return new Passkeys.Proof(m, code.strip(), null);
    }
}
