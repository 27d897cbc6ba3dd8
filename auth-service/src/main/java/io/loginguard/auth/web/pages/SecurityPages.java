package io.loginguard.auth.web.pages;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.loginguard.auth.factor.Factors;
import io.loginguard.auth.me.CurrentAccount;
import io.loginguard.auth.session.SessionStore;
import io.loginguard.auth.session.Sessions;
import io.loginguard.auth.web.ApiException;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.SecurityEvent;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The signed-in person's security page: devices and sessions with sign-out, and turning on the authenticator app
 * (QR code, the key to back up, a first code, backup codes shown once). The session is the {@code lg_session}
 * cookie; without a live one every page here leads to the login.
 */
@Path("/security")
@PageEndpoint
@Produces(MediaType.TEXT_HTML)
public class SecurityPages {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final PageSupport pages;
    private final SessionStore store;
    private final Sessions sessions;
    private final Factors factors;

    public SecurityPages(PageSupport pages, SessionStore store, Sessions sessions, Factors factors) {
        this.pages = pages;
        this.store = store;
        this.sessions = sessions;
        this.factors = factors;
    }

    /** A session as the page shows it. */
    @TemplateData
    public record SessionRow(String id, boolean current, String device, String where, String started, String lastSeen) {
    }

    @GET
    public Response security(@jakarta.ws.rs.QueryParam("done") String done,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        Optional<CurrentAccount.Caller> caller = r.caller();
        if (caller.isEmpty()) {
            return r.redirect("/login");
        }
        CurrentAccount.Caller c = caller.get();
        List<SessionRow> rows = store.list(c.account().id).stream()
                .sorted(Comparator.comparing(SessionStore.DeviceSession::startedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(s -> new SessionRow(s.id(), s.id().equals(c.sessionId()), s.userAgent() == null ? "?" : s.userAgent(),
                        (s.ip() == null ? "" : s.ip()) + (s.country() == null ? "" : " (" + s.country() + ")"),
                        when(s.startedAt()), when(s.lastSeen())))
                .toList();
        List<LoginAttempted.Method> methods = QuarkusTransaction.requiringNew().call(() -> factors.methodsOf(c.account().id));
        String who = c.account().email != null ? c.account().email : c.account().phone;
        String notice = "password".equals(done) ? r.acct().password_changed() : "phone".equals(done) ? r.acct().phone_changed() : null;
        return r.render("security", PageData.form("who", who, "sessions", rows,
                "totpOn", methods.contains(LoginAttempted.Method.TOTP), "master", c.account().masterAccountId == null,
                "notice", notice));
    }

    static String when(Instant t) {
        return t == null ? "" : WHEN.format(t);
    }

    @POST
    @Path("sessions/{id}/end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response endSession(@PathParam("id") String id, @FormParam("csrf") String csrf,
                               @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            sessions.end(c.account().id, id, SecurityEvent.SessionEndReason.LOGOUT, r.client());
            if (id.equals(c.sessionId())) {
                r.clearCookie(PageSupport.SESSION);
                return r.redirect("/login?out=1");
            }
            return r.redirect("/security");
        });
    }

    @POST
    @Path("sessions/others/end")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response endOthers(@FormParam("csrf") String csrf, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            sessions.endAllBut(c.account().id, c.sessionId(), SecurityEvent.SessionEndReason.LOGOUT, r.client());
            return r.redirect("/security");
        });
    }

    @POST
    @Path("totp")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response startTotp(@FormParam("csrf") String csrf, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            try {
                factors.startTotp(c.account());
            } catch (ApiException e) {
                return r.redirect("/security"); // already on
            }
            return r.redirect("/security/totp");
        });
    }

    @GET
    @Path("totp")
    public Response totpPage(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        Optional<CurrentAccount.Caller> caller = r.caller();
        if (caller.isEmpty()) {
            return r.redirect("/login");
        }
        try {
            return r.render("totp", PageData.form("key", groups(secretOf(factors.pendingUri(caller.get().account())))));
        } catch (ApiException e) {
            return r.redirect("/security");
        }
    }

    @GET
    @Path("totp/qr.png")
    @Produces("image/png")
    public Response qr(@Context HttpHeaders headers, @Context HttpServerRequest http) {
        PageSupport.Req r = pages.request(headers, http);
        Optional<CurrentAccount.Caller> caller = r.caller();
        if (caller.isEmpty()) {
            return Response.status(401).build();
        }
        try {
            return Response.ok(png(factors.pendingUri(caller.get().account())), "image/png").build();
        } catch (ApiException e) {
            return Response.status(404).build();
        }
    }

    @POST
    @Path("totp/confirmation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirmTotp(@FormParam("csrf") String csrf, @FormParam("code") String code,
                                @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return pages.form(headers, http, csrf, (r, c) -> {
            try {
                String digits = code == null ? "" : code.replaceAll("\\s", "");
                if (!digits.matches("[0-9]{6}")) {
                    throw ApiException.invalidCode(401, "the code is 6 digits");
                }
                List<String> backup = factors.confirmTotp(c.account(), digits);
                return r.render("backup-codes", PageData.form("codes", backup));
            } catch (ApiException e) {
                if ("no_enrolment".equals(e.problem().code())) {
                    return r.redirect("/security");
                }
                String key = groups(secretOf(factors.pendingUri(c.account())));
                return r.render("totp", e.problem().status(), PageData.form("key", key, "error", r.errorText(e)));
            }
        });
    }

    /** The address the first code posts to, asked for with GET (the language switch of its answer): the set-up page. */
    @GET
    @Path("totp/confirmation")
    public Response totpConfirmationAddress() {
        return Response.seeOther(URI.create("/security/totp")).build();
    }

    /** The base32 secret of an otpauth URI. */
    static String secretOf(String otpauthUri) {
        String query = URI.create(otpauthUri).getRawQuery();
        for (String part : query.split("&")) {
            if (part.startsWith("secret=")) {
                return URLDecoder.decode(part.substring(7), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("an otpauth URI without a secret");
    }

    /** The key in groups of four, easier to copy by hand. */
    static String groups(String key) {
        return key.replaceAll("(.{4})(?!$)", "$1 ");
    }

    static byte[] png(String text) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 240, 240);
            BufferedImage image = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int x = 0; x < m.getWidth(); x++) {
                for (int y = 0; y < m.getHeight(); y++) {
                    image.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
