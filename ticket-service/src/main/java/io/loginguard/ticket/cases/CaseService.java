package io.loginguard.ticket.cases;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.kit.db.Transactions;
import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.account.AccountProjection;
import io.loginguard.ticket.account.AccountRecord;
import io.loginguard.ticket.code.Hashing;
import io.loginguard.ticket.code.ProofCodes;
import io.loginguard.ticket.files.DocumentCipher;
import io.loginguard.ticket.files.IncomingFile;
import io.loginguard.ticket.files.Uploads.PreparedDocument;
import io.loginguard.ticket.files.Uploads;
import io.loginguard.ticket.notify.PersonNotifier;
import io.loginguard.ticket.outbox.Outbox;
import io.loginguard.ticket.web.ApiException;
import io.loginguard.ticket.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The person's side of a case: opening one (proven email, the type's own rules, the documents), seeing it with the
 * access token mailed to them, and adding what a reviewer asked for. Each step is one transaction with its audit entry
 * and its events (outbox), so nothing is half-stored and nothing is published that was not stored.
 */
@ApplicationScoped
public class CaseService {
    static final String TOKEN_PREFIX = "lgc_";
    private static final Logger LOG = Logger.getLogger(CaseService.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final int MAX_TEXT = 4000;

    private final Transactions tx;
    private final AccountProjection accounts;
    private final ProofCodes codes;
    private final Uploads uploads;
    private final DocumentCipher cipher;
    private final Outbox outbox;
    private final PersonNotifier notifier;
    private final CaseRules rules;
    private final TicketPolicy policy;
    private final Clock clock;
    private final SecurityAnswers securityAnswers;

    public CaseService(Transactions tx, AccountProjection accounts, ProofCodes codes, Uploads uploads, DocumentCipher cipher,
                       Outbox outbox, PersonNotifier notifier, TicketPolicy policy, Clock clock,
                       SecurityAnswers securityAnswers) {
        this.securityAnswers = securityAnswers;
        this.tx = tx;
        this.accounts = accounts;
        this.codes = codes;
        this.uploads = uploads;
        this.cipher = cipher;
        this.outbox = outbox;
        this.notifier = notifier;
        this.rules = new CaseRules(policy);
        this.policy = policy;
        this.clock = clock;
    }

    /** {@code POST /api/v1/cases/email-codes}: the same answer whether or not the email belongs to anyone. */
    public void sendCodes(String identifier, String typeName, String newPhone) {
        CaseType type = typeName == null || typeName.isBlank() ? CaseType.UNABLE_TO_LOG_IN : parseType(typeName);
        if (type.needsNewPhone()) {
            requirePhone(newPhone);
        }
        Optional<AccountRecord> account = accounts.byEmail(identifier).filter(AccountRecord::registered);
        if (account.isEmpty()) {
            LOG.debugf("code asked for an email that cannot open a case: nothing sent");
            return;
        }
        AccountRecord a = account.get();
        codes.issue(a.accountId(), Channel.EMAIL, a.email(), a.locale());
        if (type.provesRegisteredPhone() && a.hasPhone()) {
            codes.issue(a.accountId(), Channel.SMS, a.phone(), a.locale());
        }
        if (type.needsNewPhone()) {
            codes.issue(a.accountId(), Channel.SMS, newPhone.trim(), a.locale());
        }
    }

    public OpenedCase open(OpenCaseForm form, List<IncomingFile> files) {
        CaseType type = parseType(form.type());
        String identifier = required(form.identifier(), "identifier");
        required(form.code(), "code");
        String description = limited(form.description(), "description");
        if (type.needsNewPhone()) {
            requirePhone(form.newPhone());
            required(form.phoneCode(), "phoneCode");
        }
        Map<DocumentPart, IncomingFile> byPart = uploads.checkShape(files, type.requiredParts(), 0);

        // who: the registered email, proven by its code; an unknown email answers exactly like a wrong code
        AccountRecord account = accounts.byEmail(identifier).filter(AccountRecord::registered).orElse(null);
        UUID emailCode = account == null ? null : codes.check(account.accountId(), Channel.EMAIL, account.email(), form.code());
        if (emailCode == null) {
            throw invalidCode("code");
        }
        Instant now = clock.instant();
        UUID phoneCode = null;
        if (type == CaseType.REACTIVATION) {
            if (!rules.canReactivate(account)) {
                throw ApiException.conflict("account_not_frozen", "this account is not frozen: there is nothing to reactivate");
            }
            Optional<Instant> notBefore = rules.reactivationNotBefore(account, now);
            if (notBefore.isPresent()) {
                throw ApiException.tooEarly(Problem.of(409, "reactivation_too_early", "Too Early",
                        "an account frozen less than " + hours(policy.reactivation().notBeforeAfterFreeze())
                                + " ago cannot be reactivated yet; come back at " + notBefore.get()), notBefore.get(), now);
            }
            if (account.hasPhone()) {
                phoneCode = codes.check(account.accountId(), Channel.SMS, account.phone(), form.phoneCode());
                if (phoneCode == null) {
                    throw invalidCode("phoneCode");
                }
            }
            if (account.hasSecurityQuestions() && !securityAnswers.matches(account, form.securityAnswers())) {
                // which answer was wrong is not said
                throw new ApiException(Problem.of(400, "invalid_answers", "Bad Request",
                        "the answers to the account's security questions (answer1, answer2, answer3, in the order the "
                                + "questions were set) do not match").withField("answer1"));
            }
        }
        if (type.needsNewPhone()) {
            phoneCode = codes.check(account.accountId(), Channel.SMS, form.newPhone().trim(), form.phoneCode());
            if (phoneCode == null) {
                throw invalidCode("phoneCode");
            }
        }

        List<PreparedDocument> documents = uploads.prepare(byPart);
        String token = Hashing.token(TOKEN_PREFIX);
        Sla sla = rules.slaFor(type, now);
        CaseRow row = new CaseRow(UUID.randomUUID(), account.accountId(), type, CaseStatus.OPEN, description,
                type.needsNewPhone() ? form.newPhone().trim() : null, Hashing.sha256Hex(token), null, now,
                sla.firstReplyDue(), sla.resolutionDue(), null, null, Duration.ZERO, null, null, null, null);
        UUID phoneCodeToSpend = phoneCode;
        tx.run(c -> {
            if (!codes.spend(c, emailCode) || phoneCodeToSpend != null && !codes.spend(c, phoneCodeToSpend)) {
                throw invalidCode("code");
            }
            CaseStore.insert(c, row);
            storeFiles(c, row.id(), documents, now);
            if (description != null) {
                CaseStore.message(c, row.id(), "PERSON", description, now);
            }
            CaseStore.audit(c, row.id(), now, "PERSON", account.accountId(), "OPENED",
                    type + ", files " + documents.stream().map(PreparedDocument::part).toList());
            outbox.ticketEvent(c, CaseEvents.opened(row, now));
            notifier.send(c, new PersonNotifier.Message(account.accountId(), Channel.EMAIL, account.email(),
                    PersonNotifier.CASE_OPENED, account.locale(),
                    Map.of("caseId", row.id().toString(), "firstReplyHours", Long.toString(policy.appeal().firstReplyWithin().toHours())),
                    Map.of("token", token, "caseUrl", policy.publicBaseUrl() + "/cases/follow?id=" + row.id()), null));
        });
        LOG.infof("case %s opened (%s) for account %s with %d files", row.id(), type, account.accountId(), documents.size());
        return new OpenedCase(row.id(), type, CaseStatus.OPEN, now, sla.firstReplyDue(), sla.resolutionDue(), "registered-email");
    }

    public CaseView view(UUID caseId, String bearer) {
        return tx.call(c -> {
            CaseRow r = authorized(c, caseId, bearer, false);
            Instant now = clock.instant();
            return new CaseView(r.id(), r.type(), r.status(), r.createdAt(), r.sla().firstReplyDueAt(now),
                    r.sla().resolutionDueAt(now), r.closedAt(), r.decisionReason(), CaseStore.messages(c, r.id()),
                    CaseStore.files(c, r.id()));
        });
    }

    /** {@code POST /api/v1/cases/{id}/files}: only while the case waits for the person; resumes the SLA clock. */
    public CaseView addFiles(UUID caseId, String bearer, String message, List<IncomingFile> files) {
        String text = limited(message, "message");
        if (files.isEmpty() && text == null) {
            throw new ApiException(Problem.of(400, "missing_part", "Bad Request", "send at least one file or a message").withField("document"));
        }
        CaseRow before = tx.call(c -> authorized(c, caseId, bearer, false));
        requireWaiting(before);
        long stored = tx.call(c -> CaseStore.uploadedBytes(c, caseId));
        List<PreparedDocument> documents = uploads.prepare(uploads.checkShape(files, Set.of(), stored));
        Instant now = clock.instant();
        tx.run(c -> {
            CaseRow r = authorized(c, caseId, bearer, true);
            requireWaiting(r);
            if (CaseStore.uploadedBytes(c, caseId) + documents.stream().mapToLong(d -> d.document().uploadedBytes()).sum()
                    > policy.uploads().maxCaseBytes()) {
                throw ApiException.tooLarge("case_too_large", "the files of a case may have at most "
                        + policy.uploads().maxCaseBytes() + " bytes together");
            }
            CaseRow resumed = new CaseRow(r.id(), r.accountId(), r.type(), r.claimedBy() == null ? CaseStatus.OPEN : CaseStatus.IN_REVIEW,
                    r.description(), r.newPhone(), r.accessTokenHash(), r.claimedBy(), r.createdAt(), r.firstReplyDue(),
                    r.resolutionDue(), r.firstRepliedAt(), null, r.sla().pausedAt(now), null, null, null, null);
            CaseStore.update(c, resumed);
            storeFiles(c, r.id(), documents, now);
            if (text != null) {
                CaseStore.message(c, r.id(), "PERSON", text, now);
            }
            CaseStore.audit(c, r.id(), now, "PERSON", r.accountId(), "INFO_PROVIDED",
                    "files " + documents.stream().map(PreparedDocument::part).toList() + (text == null ? "" : ", a message"));
            outbox.ticketEvent(c, CaseEvents.updated(resumed, now));
        });
        return view(caseId, bearer);
    }

    private void storeFiles(Connection c, UUID caseId, List<PreparedDocument> documents, Instant now) throws SQLException {
        for (PreparedDocument d : documents) {
            UUID fileId = UUID.randomUUID();
            byte[] encrypted = cipher.encrypt(d.document().bytes(), FileAccess.associatedData(caseId, fileId));
            CaseStore.insertFile(c, caseId, fileId, d.part(), d.document(), cipher.keyId(), encrypted, now);
        }
    }

    /** The case, if the bearer token is its access token; otherwise "no such case" (no oracle for case ids). */
    private static CaseRow authorized(Connection c, UUID caseId, String bearer, boolean forUpdate) throws SQLException {
        String token = bearerToken(bearer);
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            throw ApiException.unauthorized("missing_case_token", "send the case access key as 'Authorization: Bearer <key>'");
        }
        CaseRow r = CaseStore.find(c, caseId, forUpdate).orElseThrow(ApiException::notFound);
        if (!Hashing.same(r.accessTokenHash(), Hashing.sha256Hex(token))) {
            throw ApiException.notFound();
        }
        return r;
    }

    static String bearerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static void requireWaiting(CaseRow r) {
        if (r.status() != CaseStatus.WAITING_FOR_PERSON) {
            throw ApiException.conflict(r.status().closed() ? "case_closed" : "not_waiting_for_you",
                    r.status().closed() ? "the case is closed" : "no reviewer has asked for more on this case");
        }
    }

    static CaseType parseType(String name) {
        if (name == null || name.isBlank()) {
            throw new ApiException(Problem.of(400, "missing_field", "Bad Request", "type is required").withField("type"));
        }
        return CaseType.parse(name).orElseThrow(() -> ApiException.invalidField("type",
                "type is one of UNABLE_TO_LOG_IN, TWO_FACTOR_RESET, REACTIVATION, PHONE_CHANGE, IDENTITY_REVERIFICATION"));
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ApiException(Problem.of(400, "missing_field", "Bad Request", field + " is required").withField(field));
        }
        return value.trim();
    }

    private static String limited(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw ApiException.invalidField(field, field + " has at most " + MAX_TEXT + " characters");
        }
        return value.trim();
    }

    private static void requirePhone(String phone) {
        if (phone == null || !E164.matcher(phone.trim()).matches()) {
            throw ApiException.invalidField("newPhone", "newPhone is an E.164 number such as +8613800000000");
        }
    }

    static ApiException invalidCode(String field) {
        return new ApiException(Problem.of(400, "invalid_code", "Bad Request",
                "the code is wrong or has expired, or this email cannot open a case").withField(field));
    }

    private static String hours(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " hours" : d.toMinutes() + " minutes";
    }
}
