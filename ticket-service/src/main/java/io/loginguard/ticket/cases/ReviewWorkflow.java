package io.loginguard.ticket.cases;

import io.loginguard.events.NotificationRequested.Channel;
import io.loginguard.kit.db.Transactions;
import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.account.AccountProjection;
import io.loginguard.ticket.account.AccountRecord;
import io.loginguard.ticket.files.DocumentCipher;
import io.loginguard.ticket.notify.PersonNotifier;
import io.loginguard.ticket.outbox.Outbox;
import io.loginguard.ticket.review.Reviewer;
import io.loginguard.ticket.web.ApiException;
import io.loginguard.ticket.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reviewers' side: the queue by SLA due time, claim (one reviewer at a time), ask the person for more (the SLA
 * clock pauses), approve, reject with a reason. Every step locks the case row ({@code FOR UPDATE}), so of two reviewers
 * acting at once one wins and the other finds the case as the winner left it; a closed case refuses every step. An
 * approval's events are written to the outbox in the transaction that closes the case: published once.
 */
@ApplicationScoped
public class ReviewWorkflow {
    private static final int QUEUE_LIMIT = 500;
    private static final int MAX_TEXT = 4000;

    private final Transactions tx;
    private final Outbox outbox;
    private final PersonNotifier notifier;
    private final AccountProjection accounts;
    private final DocumentCipher cipher;
    private final CaseRules rules;
    private final Clock clock;

    public ReviewWorkflow(Transactions tx, Outbox outbox, PersonNotifier notifier, AccountProjection accounts,
                          DocumentCipher cipher, TicketPolicy policy, Clock clock) {
        this.tx = tx;
        this.outbox = outbox;
        this.notifier = notifier;
        this.accounts = accounts;
        this.cipher = cipher;
        this.rules = new CaseRules(policy);
        this.clock = clock;
    }

    /** Open cases, soonest deadline first; cases waiting for the person (whose clock is paused) last. */
    public List<QueueItem> queue() {
        Instant now = clock.instant();
        return tx.call(c -> CaseStore.active(c, QUEUE_LIMIT)).stream()
                .map(r -> new QueueItem(r.id(), r.type(), r.status(), r.accountId(), r.claimedBy(), r.createdAt(),
                        r.sla().nextDueAt(now), r.sla().firstReplyDueAt(now), r.sla().resolutionDueAt(now),
                        r.sla().overdue(now), r.waitingSince() != null))
                .sorted(Comparator.comparing(QueueItem::waitingForPerson).thenComparing(QueueItem::nextDueAt))
                .toList();
    }

    public ReviewCaseView detail(UUID caseId) {
        return tx.call(c -> view(c, CaseStore.find(c, caseId, false).orElseThrow(ApiException::notFound)));
    }

    public ReviewCaseView claim(UUID caseId, Reviewer reviewer) {
        return step(caseId, reviewer, (c, r, now) -> {
            CaseRow claimed = with(r, r.status() == CaseStatus.OPEN ? CaseStatus.IN_REVIEW : r.status(), reviewer.id(),
                    r.firstRepliedAt(), r.waitingSince());
            CaseStore.update(c, claimed);
            CaseStore.audit(c, r.id(), now, "REVIEWER", reviewer.username(), "CLAIMED", null);
            return claimed;
        });
    }

    public ReviewCaseView requestInfo(UUID caseId, Reviewer reviewer, String message) {
        String text = text(message, "message");
        return step(caseId, reviewer, (c, r, now) -> {
            if (r.status() == CaseStatus.WAITING_FOR_PERSON) {
                throw ApiException.conflict("already_waiting", "the case already waits for the person");
            }
            CaseRow waiting = with(r, CaseStatus.WAITING_FOR_PERSON, reviewer.id(), firstReply(r, now), now);
            CaseStore.update(c, waiting);
            CaseStore.message(c, r.id(), "REVIEWER", text, now);
            CaseStore.audit(c, r.id(), now, "REVIEWER", reviewer.username(), "INFO_REQUESTED", null);
            outbox.ticketEvent(c, CaseEvents.updated(waiting, now));
            notifyPerson(c, r, PersonNotifier.CASE_INFO_REQUESTED, Map.of("caseId", r.id().toString()), Map.of("message", text));
            return waiting;
        });
    }

    public ReviewCaseView approve(UUID caseId, Reviewer reviewer) {
        return step(caseId, reviewer, (c, r, now) -> {
            CaseRow approved = close(r, CaseStatus.APPROVED, reviewer, now, null);
            CaseStore.update(c, approved);
            CaseStore.audit(c, r.id(), now, "REVIEWER", reviewer.username(), "APPROVED",
                    "action " + r.type().onApproval());
            outbox.ticketEvent(c, CaseEvents.approved(approved, now));
            outbox.ticketEvent(c, CaseEvents.resolved(approved, now));
            notifyPerson(c, r, PersonNotifier.CASE_RESOLVED, Map.of("caseId", r.id().toString(), "outcome", "APPROVED"), Map.of());
            return approved;
        });
    }

    public ReviewCaseView reject(UUID caseId, Reviewer reviewer, String reason) {
        String text = text(reason, "reason");
        return step(caseId, reviewer, (c, r, now) -> {
            CaseRow rejected = close(r, CaseStatus.REJECTED, reviewer, now, text);
            CaseStore.update(c, rejected);
            CaseStore.audit(c, r.id(), now, "REVIEWER", reviewer.username(), "REJECTED", null);
            outbox.ticketEvent(c, CaseEvents.resolved(rejected, now));
            notifyPerson(c, r, PersonNotifier.CASE_RESOLVED, Map.of("caseId", r.id().toString(), "outcome", "REJECTED"),
                    Map.of("reason", text));
            return rejected;
        });
    }

    /** A document's clear bytes, for a reviewer; the viewing is audited. */
    public OpenedFile file(UUID caseId, UUID fileId, Reviewer reviewer) {
        return tx.call(c -> {
            CaseStore.find(c, caseId, false).orElseThrow(ApiException::notFound);
            CaseStore.EncryptedFile f = CaseStore.encryptedFile(c, caseId, fileId)
                    .orElseThrow(() -> new ApiException(Problem.of(404, "file_not_found", "Not Found", "no such file on this case")));
            if (f.content() == null) {
                throw new ApiException(Problem.of(410, "file_deleted", "Gone", "the file was deleted after the case closed"));
            }
            byte[] clear = cipher.decrypt(f.content(), FileAccess.associatedData(caseId, fileId));
            CaseStore.audit(c, caseId, clock.instant(), "REVIEWER", reviewer.username(), "FILE_VIEWED", f.part() + " " + fileId);
            return new OpenedFile(f.contentType(), clear, f.part());
        });
    }

    private ReviewCaseView step(UUID caseId, Reviewer reviewer, Step step) {
        return tx.call(c -> {
            CaseRow r = CaseStore.find(c, caseId, true).orElseThrow(ApiException::notFound);
            if (r.status().closed()) {
                throw ApiException.conflict("case_closed", "the case was already " + r.status().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (r.claimedBy() != null && !r.claimedBy().equals(reviewer.id())) {
                throw ApiException.conflict("claimed_by_another", "another reviewer has claimed this case");
            }
            return view(c, step.apply(c, r, clock.instant()));
        });
    }

    /** Closed now: the SLA clock stops for good (a pause in progress ends), the files' deletion is scheduled. */
    private CaseRow close(CaseRow r, CaseStatus status, Reviewer reviewer, Instant now, String reason) {
        return new CaseRow(r.id(), r.accountId(), r.type(), status, r.description(), r.newPhone(), r.accessTokenHash(),
                reviewer.id(), r.createdAt(), r.firstReplyDue(), r.resolutionDue(), firstReply(r, now), null,
                r.sla().pausedAt(now), now, reason, rules.filesDeleteAfter(now), null);
    }

    private static Instant firstReply(CaseRow r, Instant now) {
        return r.firstRepliedAt() != null ? r.firstRepliedAt() : now;
    }

    /** The same case with a new status, claim and SLA marks; the pause so far and everything else kept. */
    private static CaseRow with(CaseRow r, CaseStatus status, UUID claimedBy, Instant firstRepliedAt, Instant waitingSince) {
        return new CaseRow(r.id(), r.accountId(), r.type(), status, r.description(), r.newPhone(), r.accessTokenHash(),
                claimedBy, r.createdAt(), r.firstReplyDue(), r.resolutionDue(), firstRepliedAt, waitingSince,
                r.paused(), r.closedAt(), r.decisionReason(), r.filesDeleteAfter(), r.filesDeletedAt());
    }

    private void notifyPerson(Connection c, CaseRow r, String template, Map<String, String> params, Map<String, String> secret)
            throws SQLException {
        AccountRecord a = accounts.byId(r.accountId()).orElse(null);
        if (a == null || a.email() == null) {
            return; // the account is gone: nobody to write to
        }
        notifier.send(c, new PersonNotifier.Message(r.accountId(), Channel.EMAIL, a.email(), template, a.locale(), params,
                secret, null));
    }

    private ReviewCaseView view(Connection c, CaseRow r) throws SQLException {
        Instant now = clock.instant();
        return new ReviewCaseView(r.id(), r.type(), r.status(), r.accountId(), r.newPhone(), r.claimedBy(), r.createdAt(),
                r.sla().firstReplyDueAt(now), r.sla().resolutionDueAt(now), r.sla().overdue(now), r.closedAt(),
                r.decisionReason(), r.filesDeleteAfter(), CaseStore.messages(c, r.id()), CaseStore.files(c, r.id()),
                CaseStore.auditTrail(c, r.id()));
    }

    private static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ApiException(Problem.of(400, "missing_field", "Bad Request", field + " is required").withField(field));
        }
        if (value.length() > MAX_TEXT) {
            throw ApiException.invalidField(field, field + " has at most " + MAX_TEXT + " characters");
        }
        return value.trim();
    }

    @FunctionalInterface
    private interface Step {
        CaseRow apply(Connection c, CaseRow r, Instant now) throws SQLException;
    }

    /** A document opened for a reviewer. */
    public record OpenedFile(String contentType, byte[] bytes, String part) {
    }
}
