package io.loginguard.auth.me;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.Identifier;
import io.loginguard.auth.factor.Factors;
import io.loginguard.auth.factor.SecondFactor;
import io.loginguard.auth.verification.ResendLimiter;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.LoginAttempted;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The logged-in person's second factors: TOTP enrolment, its QR code, backup codes. Bearer session token. */
@Path("/api/v1/me")
@Tag(name = "me")
@Produces(MediaType.APPLICATION_JSON)
public class FactorResource {
    private final CurrentAccount current;
    private final Factors factors;
    private final ResendLimiter limiter;

    public FactorResource(CurrentAccount current, Factors factors, ResendLimiter limiter) {
        this.current = current;
        this.factors = factors;
        this.limiter = limiter;
    }

    public record CodeRequest(@NotBlank @Size(max = 20) String code) {
    }

    /** A second factor's code: which method, and the code. */
    public record FactorProof(@NotNull LoginAttempted.Method method,
                              @NotBlank @Size(max = 20) @Pattern(regexp = "[0-9A-Za-z -]+") String code) {
    }

    public record BackupCodes(List<String> backupCodes) {
    }

    @POST
    @Path("/totp")
    @Operation(summary = "Start TOTP enrolment: the secret to back up, the otpauth URI, and the QR code's address")
    public Response startTotp(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Factors.Enrolment e = factors.startTotp(current.of(authorization));
        return Response.status(201).entity(new java.util.LinkedHashMap<>(java.util.Map.of(
                "secret", e.secret(), "otpauthUri", e.otpauthUri(), "qrCode", "/api/v1/me/totp/qr.png"))).build();
    }

    @GET
    @Path("/totp/qr.png")
    @Produces("image/png")
    @Operation(summary = "The pending enrolment's otpauth URI as a QR code (PNG)")
    public Response qr(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String uri = factors.pendingUri(current.of(authorization));
        return Response.ok(png(uri), "image/png").header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/totp/confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the enrolment with a first valid code: TOTP is on; the backup codes are shown once")
    public BackupCodes confirmTotp(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                   @Valid @NotNull CodeRequest request) {
        return new BackupCodes(factors.confirmTotp(current.of(authorization), request.code().trim()));
    }

    @DELETE
    @Path("/totp")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn TOTP off, with a valid second factor")
    public Response disableTotp(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @Valid @NotNull FactorProof proof) {
        factors.disable(current.of(authorization), SecondFactor.Kind.TOTP, proof.method(), proof.code());
        return Response.noContent().build();
    }

    @POST
    @Path("/backup-codes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A new set of backup codes, with a valid second factor; the old set stops working")
    public BackupCodes regenerate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @Valid @NotNull FactorProof proof) {
        Account a = current.of(authorization);
        return new BackupCodes(factors.regenerateBackupCodes(a, proof.method(), proof.code()));
    }

    /** Where SMS or email codes should go: a phone number in E.164 form, or an email address. */
    public record Destination(@Size(max = 254) String phone, @jakarta.validation.constraints.Email @Size(max = 254) String email) {
    }

    @POST
    @Path("/factors/{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start enabling codes by SMS ('sms', with phone) or email ('email', with email) as a second factor",
            description = "A code goes to the destination; POST .../confirmation with it. Once a minute, 5 an hour.")
    public Response startCodeFactor(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                    @PathParam("kind") String kind, @Valid @NotNull Destination destination) {
        Account a = current.of(authorization);
        SecondFactor.Kind k = codeKind(kind);
        Identifier where = k == SecondFactor.Kind.SMS ? Identifier.of(null, destination.phone())
                : Identifier.of(destination.email(), null);
        limiter.take("factor-codes", where.value()).ifPresent(wait -> {
            throw ApiException.tooFrequent("a code was sent a moment ago; please wait before asking again", wait);
        });
        factors.startCodeFactor(a, k, where.value());
        return Response.accepted().build();
    }

    @POST
    @Path("/factors/{kind}/confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable the SMS or email factor with the code sent to its destination")
    public Response confirmCodeFactor(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                      @PathParam("kind") String kind, @Valid @NotNull CodeRequest request) {
        factors.confirmCodeFactor(current.of(authorization), codeKind(kind), request.code().trim());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/factors/{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn a factor off ('totp', 'sms', 'email'), with a valid second factor")
    public Response disableFactor(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @PathParam("kind") String kind, @Valid @NotNull FactorProof proof) {
        SecondFactor.Kind k = "totp".equals(kind) ? SecondFactor.Kind.TOTP : codeKind(kind);
        factors.disable(current.of(authorization), k, proof.method(), proof.code());
        return Response.noContent().build();
    }

    private static SecondFactor.Kind codeKind(String kind) {
        return switch (kind) {
            case "sms" -> SecondFactor.Kind.SMS;
            case "email" -> SecondFactor.Kind.EMAIL;
            default -> throw new ApiException(Problem.of(404, "unknown_factor", "Unknown factor",
                    "factors are 'totp', 'sms' and 'email'"));
        };
    }

    private static byte[] png(String text) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 256, 256);
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
