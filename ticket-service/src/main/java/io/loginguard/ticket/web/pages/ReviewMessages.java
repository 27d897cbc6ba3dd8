package io.loginguard.ticket.web.pages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The reviewer console: its login, the queue, a case with its audit trail and the steps of the workflow: English
 * here, Chinese in {@code messages/rev_zh.properties}. Templates use {@code {rev:key}}.
 */
@MessageBundle(value = "rev", locale = "en")
public interface ReviewMessages {
    @Message("Waiting for the person")
    String status_waiting_person();

    @Message("Person")
    String from_person();

    @Message("Reviewer login")
    String review_login_title();

    @Message("For reviewers only, with a reviewer account of ticket-service. An account of the Loginguard site does not open this console.")
    String review_login_intro();

    @Message("Reviewer name")
    String username();

    @Message("Password")
    String password();

    @Message("Log in")
    String log_in();

    @Message("Log out")
    String log_out();

    @Message("You are signed out.")
    String review_signed_out();

    @Message("Your session ended. Please log in again.")
    String review_expired();

    @Message("Signed in as {who}")
    String signed_in_as(String who);

    @Message("Queue")
    String queue_title();

    @Message("Open cases, the nearest deadline first; cases past their deadline come first, cases waiting for the person last.")
    String queue_intro();

    @Message("{count} past the deadline.")
    String queue_overdue(long count);

    @Message("No open cases. Well done.")
    String queue_empty();

    @Message("Type")
    String type();

    @Message("Next deadline")
    String next_due();

    @Message("Claimed by")
    String claimed();

    @Message("nobody")
    String claim_nobody();

    @Message("you")
    String claim_you();

    @Message("another reviewer")
    String claim_other();

    @Message("paused")
    String paused();

    @Message("Overdue")
    String overdue();

    @Message("Account")
    String account();

    @Message("Download the PDF")
    String download_pdf();

    @Message("Decide")
    String decide();

    @Message("Claim this case")
    String claim();

    @Message("Approve")
    String approve();

    @Message("Approving closes the case and asks for the action {action}.")
    String approve_hint(String action);

    @Message("Reject")
    String reject();

    @Message("Reason for the rejection")
    String reject_reason();

    @Message("The person reads it, in the case and by email.")
    String reject_reason_hint();

    @Message("Ask the person for more")
    String ask_label();

    @Message("Send the request")
    String ask();

    @Message("Another reviewer has claimed this case.")
    String claimed_by_other_text();

    @Message("Audit trail")
    String audit_title();

    @Message("When")
    String when();

    @Message("Who")
    String who();

    @Message("What")
    String what();

    @Message("Detail")
    String detail();

    @Message("Not found")
    String review_not_found_title();

    @Message("There is no such case or file.")
    String review_not_found_text();

    @Message("You claimed the case.")
    String done_claim();

    @Message("The person was asked for more; the SLA clock is paused.")
    String done_request_info();

    @Message("The case is approved.")
    String done_approve();

    @Message("The case is rejected.")
    String done_reject();
}
