package io.loginguard.auth.factor;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.account.AccountEvents;
import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.config.TotpConfig;
import io.loginguard.auth.verification.Codes;
import io.loginguard.auth.verification.VerificationCode;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.SealedParams;
import io.loginguard.events.SecurityEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * An account's second factors: TOTP enrolment and its backup codes, and the check of any factor's code (at login's
 * second step, and before a factor changes). Each check locks what it reads, so one code is accepted once however
 * many requests carry it at the same moment.
 */
@ApplicationScoped
public class Factors {
    private final SecureRandom random = new SecureRandom();
    private final Totp totp;
    private final TotpConfig config;
    private final Codes codes;
    private final AccountEvents events;
    private final Clock clock;
    private final String secretsKeyId;
    private final byte[] secretsKey;
    private final BackupCodes backupCodes;
    private final LastFactorRule lastFactor;
    private final ProofFailures proofFailures;

    public Factors(AuthConfig config, Codes codes, AccountEvents events, Clock clock,
                   BackupCodes backupCodes, LastFactorRule lastFactor, ProofFailures proofFailures) {
        this.config = config.totp();
        this.totp = new Totp(this.config.step(), this.config.digits(), this.config.driftSteps());
        this.codes = codes;
        this.events = events;
        this.clock = clock;
        this.secretsKeyId = config.secrets().keyId();
        this.secretsKey = Base64.getDecoder().decode(config.secrets().key());
        this.backupCodes = backupCodes;
        this.lastFactor = lastFactor;
        this.proofFailures = proofFailures;
    }

    /** What an enrolment shows once: the secret to back up, and the URI an authenticator app scans. */
    public record Enrolment(String secret, String otpauthUri) {
    }

    /** Starts (or restarts) a TOTP enrolment; refused while TOTP is enabled. */
    @Transactional
    public Enrolment startTotp(Account account) {
        SecondFactor f = SecondFactor.forUpdate(account.id, SecondFactor.Kind.TOTP).orElseGet(() -> newFactor(account.id));
        if (f.enabled) {
            throw new ApiException(Problem.of(409, "totp_enabled", "TOTP already enabled",
                    "disable the current authenticator (with a valid second factor) before enrolling a new one"));
        }
        byte[] secret = new byte[10]; // 80 bits: 16 base32 characters, what people write down
        random.nextBytes(secret);
        String base32 = Base32.encode(secret);
        f.secret = SealedParams.seal(Map.of("secret", base32), account.id.toString(), secretsKeyId, secretsKey);
        f.lastUsedStep = -1;
        f.save();
        return new Enrolment(base32, otpauthUri(account, base32));
    }

    /** The otpauth URI of a pending enrolment (for its QR code). */
    @Transactional
    public String pendingUri(Account account) {
        SecondFactor f = SecondFactor.of(account.id, SecondFactor.Kind.TOTP).filter(x -> !x.enabled && x.secret != null)
                .orElseThrow(() -> new ApiException(Problem.of(404, "no_enrolment", "No enrolment",
                        "start one with POST /api/v1/me/totp")));
        return otpauthUri(account, openSecret(account.id, f));
    }

    /** Confirms the enrolment with a first code: TOTP is on, and a new set of backup codes is returned, once. */
    @Transactional
    public List<String> confirmTotp(Account account, String code) {
        SecondFactor f = SecondFactor.forUpdate(account.id, SecondFactor.Kind.TOTP).filter(x -> !x.enabled && x.secret != null)
                .orElseThrow(() -> new ApiException(Problem.of(404, "no_enrolment", "No enrolment",
                        "start one with POST /api/v1/me/totp")));
        OptionalLong step = totp.accept(Base32.decode(openSecret(account.id, f)), code, clock.instant(), f.lastUsedStep);
        if (step.isEmpty()) {
            throw invalidCode();
        }
        f.lastUsedStep = step.getAsLong();
        f.enabled = true;
        f.enabledAt = clock.instant();
        f.update();
        List<String> backup = backupCodes.replace(account.id);
        events.changed(account, SecurityEvent.Type.TWO_FACTOR_ENABLED, Map.of("factor", "TOTP"));
        return backup;
    }

    /** Regenerates the backup codes after a valid second factor; the old set stops working. */
    // a wrong code is an answer, not a failure: its spent try must be kept
    @Transactional(dontRollbackOn = ApiException.class)
    public List<String> regenerateBackupCodes(Account account, LoginAttempted.Method method, String code) {
        requireProof(account.id, method, code);
        List<String> backup = backupCodes.replace(account.id);
        events.changed(account, SecurityEvent.Type.BACKUP_CODES_REGENERATED, Map.of());
        return backup;
    }

    /**
     * Starts enabling codes by SMS or email as a second factor: a code goes to the destination, and the factor is
     * enabled once it comes back ({@link #confirmCodeFactor}). The caller limits how often.
     */
    @Transactional
    public void startCodeFactor(Account account, SecondFactor.Kind kind, String destination) {
        SecondFactor f = SecondFactor.forUpdate(account.id, kind).orElseGet(() -> {
            SecondFactor created = newFactor(account.id);
            created.kind = kind;
            return created;
        });
        if (f.enabled) {
            throw new ApiException(Problem.of(409, "factor_enabled", "Already enabled",
                    "disable it (with a valid second factor) before changing its destination"));
        }
        f.destination = destination;
        f.save();
        codes.issue(new Codes.Delivery(account.id, enablePurpose(kind),
                kind == SecondFactor.Kind.SMS ? VerificationCode.Channel.SMS : VerificationCode.Channel.EMAIL,
                destination, "verification-code", account.locale));
    }

    /** Enables the SMS or email factor with the code sent to its destination. */
    // a wrong code is an answer, not a failure: its spent try must be kept
    @Transactional(dontRollbackOn = ApiException.class)
    public void confirmCodeFactor(Account account, SecondFactor.Kind kind, String code) {
        SecondFactor f = SecondFactor.forUpdate(account.id, kind).filter(x -> !x.enabled)
                .orElseThrow(() -> new ApiException(Problem.of(404, "no_enrolment", "No enrolment",
                        "ask for a code first (POST /api/v1/me/factors/" + kind.name().toLowerCase(Locale.ROOT) + ")")));
        if (codes.check(account.id, enablePurpose(kind), code) != Codes.Check.ACCEPTED) {
            throw invalidCode();
        }
        f.enabled = true;
        f.enabledAt = clock.instant();
        f.update();
        events.changed(account, SecurityEvent.Type.TWO_FACTOR_ENABLED, Map.of("factor", kind.name()));
    }

    /** Turns a factor off with a valid second factor; the last one stays while the policy requires one. */
    // a wrong code is an answer, not a failure: its spent try must be kept
    @Transactional(dontRollbackOn = ApiException.class)
    public void disable(Account account, SecondFactor.Kind kind, LoginAttempted.Method method, String code) {
        // the account row is locked first, as removing a passkey does: two removals at once cannot both take
        // what each thought was not the last second factor
        Account.findByIdForUpdate(account.id);
        if (SecondFactor.enabledOf(account.id).stream().noneMatch(f -> f.kind == kind)) {
            throw new ApiException(Problem.of(404, "factor_not_enabled", "Not enabled", "this factor is not enabled"));
        }
        lastFactor.requireMayTurnOff(account.id, kind);
        requireProof(account.id, method, code);
        SecondFactor.deleteOf(account.id, kind);
        if (kind == SecondFactor.Kind.TOTP) {
            BackupCode.deleteAllOf(account.id);
        }
        events.changed(account, SecurityEvent.Type.TWO_FACTOR_DISABLED, Map.of("factor", kind.name()));
    }

    private static VerificationCode.Purpose enablePurpose(SecondFactor.Kind kind) {
        return kind == SecondFactor.Kind.SMS ? VerificationCode.Purpose.ENABLE_SMS : VerificationCode.Purpose.ENABLE_EMAIL;
    }

    /**
     * The methods a login's second step may use, from the enabled factors (backup codes come with TOTP) and the
     * passkeys. One statement, so it needs no transaction of its own (every password login reads it); inside the
     * caller's transaction it reads what that transaction has written.
     */
    public List<LoginAttempted.Method> methodsOf(UUID accountId) {
        SecondFactor.Enabled enabled = SecondFactor.enabledWithPasskeys(accountId);
        List<LoginAttempted.Method> methods = new ArrayList<>();
        for (SecondFactor.Kind kind : enabled.kinds()) {
            switch (kind) {
                case TOTP -> {
                    methods.add(LoginAttempted.Method.TOTP);
                    methods.add(LoginAttempted.Method.BACKUP_CODE);
                }
                case SMS -> methods.add(LoginAttempted.Method.SMS_CODE);
                case EMAIL -> methods.add(LoginAttempted.Method.EMAIL_CODE);
            }
        }
        if (enabled.passkey()) {
            methods.add(LoginAttempted.Method.PASSKEY);
        }
        return methods;
    }

    /** Checks a second factor's code and uses it up if right. Call in a transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean check(UUID accountId, LoginAttempted.Method method, String code) {
        if (code == null || code.isBlank()) {
            return false;
        }
        return switch (method) {
            case TOTP -> SecondFactor.forUpdate(accountId, SecondFactor.Kind.TOTP).filter(f -> f.enabled).map(f -> {
                OptionalLong step = totp.accept(Base32.decode(openSecret(accountId, f)), code.trim(), clock.instant(),
                        f.lastUsedStep);
                step.ifPresent(s -> {
                    f.lastUsedStep = s;
                    f.update();
                });
                return step.isPresent();
            }).orElse(false);
            case BACKUP_CODE -> backupCodes.use(accountId, code);
            case SMS_CODE -> codes.check(accountId, VerificationCode.Purpose.LOGIN, code.trim()) == Codes.Check.ACCEPTED;
            case EMAIL_CODE -> codes.check(accountId, VerificationCode.Purpose.LOGIN, code.trim()) == Codes.Check.ACCEPTED;
            default -> false;
        };
    }

    /**
     * A fresh proof before a sensitive change: a code of one of the account's factors, used up if right (else 401).
     * Wrong codes are counted ({@link ProofFailures}): past the limit, 429 before any code is checked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireProof(UUID accountId, LoginAttempted.Method method, String code) {
        ProofFailures.Place place = proofFailures.take(accountId);
        if (method == null || !methodsOf(accountId).contains(method) || !check(accountId, method, code)) {
            throw invalidCode();
        }
        place.succeeded();
    }

    private SecondFactor newFactor(UUID accountId) {
        SecondFactor f = new SecondFactor();
        f.id = UUID.randomUUID();
        f.accountId = accountId;
        f.kind = SecondFactor.Kind.TOTP;
        f.createdAt = clock.instant();
        return f;
    }

    private String openSecret(UUID accountId, SecondFactor f) {
        return SealedParams.open(f.secret, accountId.toString(), Map.of(secretsKeyId, secretsKey)).get("secret");
    }

    private String otpauthUri(Account account, String base32) {
        String issuer = URLEncoder.encode(config.issuer(), StandardCharsets.UTF_8).replace("+", "%20");
        String who = URLEncoder.encode(account.email != null ? account.email : account.phone, StandardCharsets.UTF_8);
        return "otpauth://totp/" + issuer + ":" + who + "?secret=" + base32 + "&issuer=" + issuer
                + "&algorithm=SHA1&digits=" + config.digits() + "&period=" + config.step().getSeconds();
    }

    private static ApiException invalidCode() {
        return ApiException.invalidCode(401, "the code is wrong or already used");
    }
}
