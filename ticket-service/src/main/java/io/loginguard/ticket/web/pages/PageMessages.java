package io.loginguard.ticket.web.pages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The pages' common words (the frame, the language switch, a refused form, a service unavailable) and the words of a
 * case both the person's pages and the reviewer console show (its types, statuses, documents, dates and messages):
 * English here, Chinese (the second locale of auth-service's pages) in {@code messages/msg_zh.properties}. Templates
 * use {@code {msg:key}}; the locale of a page comes from the {@code lg_lang} cookie (the switch), else
 * Accept-Language. The other bundles are split by purpose, each with its own namespace and file:
 * {@link CaseMessages} ({@code cases}), {@link ErrorMessages} ({@code err}), {@link ReviewMessages} ({@code rev}).
 */
@MessageBundle(value = "msg", locale = "en")
public interface PageMessages {
    @Message("English")
    String lang_name();

    @Message("中文")
    String other_lang_name();

    @Message("Skip to the content")
    String skip();

    @Message("Support")
    String area_support();

    @Message("Review")
    String area_review();

    @Message("Go back")
    String go_back();

    @Message("Please try again")
    String csrf_title();

    @Message("This form was out of date or did not come from this site, so nothing was done. Go back, reload the page and send it again.")
    String csrf_text();

    @Message("Temporarily unavailable")
    String unavailable_title();

    @Message("We cannot handle this right now. Nothing was lost; please try again in a few seconds.")
    String unavailable_text();

    @Message("I cannot log in")
    String type_UNABLE_TO_LOG_IN();

    @Message("I lost my two-factor device")
    String type_TWO_FACTOR_RESET();

    @Message("Reactivate my frozen account")
    String type_REACTIVATION();

    @Message("Change my phone number")
    String type_PHONE_CHANGE();

    @Message("Verify my identity")
    String type_IDENTITY_REVERIFICATION();

    @Message("New phone number")
    String new_phone();

    @Message("Documents")
    String documents();

    @Message("ID document, front")
    String part_idFront();

    @Message("ID document, back")
    String part_idBack();

    @Message("Selfie holding the ID document")
    String part_selfie();

    @Message("Another document")
    String part_document();

    @Message("Case number")
    String case_number();

    @Message("Status:")
    String status();

    @Message("Received, waiting for a reviewer")
    String status_OPEN();

    @Message("In review")
    String status_IN_REVIEW();

    @Message("Waiting for you")
    String status_WAITING_FOR_PERSON();

    @Message("Approved")
    String status_APPROVED();

    @Message("Rejected")
    String status_REJECTED();

    @Message("Opened")
    String opened_at();

    @Message("First answer by")
    String first_reply_due();

    @Message("Decision by")
    String resolution_due();

    @Message("Closed")
    String closed_at();

    @Message("Reason")
    String reason();

    @Message("Messages")
    String messages();

    @Message("No messages yet.")
    String no_messages();

    @Message("Reviewer")
    String from_reviewer();

    @Message("Files received")
    String files_received();

    @Message("deleted after the retention period")
    String file_deleted();
}
