package io.loginguard.ticket.web.pages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What a form says when the case service refused it: one message per problem code, and the upload refusals naming
 * the file: English here, Chinese in {@code messages/err_zh.properties}. Templates use {@code {err:key}}.
 */
@MessageBundle(value = "err", locale = "en")
public interface ErrorMessages {
    @Message("There is no such kind of case. Please choose one below.")
    String err_unknown_type();

    @Message("That case number and access key do not match a case.")
    String err_case_key();

    @Message("Choose at least one file or write a message.")
    String err_nothing_to_add();

    @Message("{part}: only JPEG, PNG or PDF files are accepted. Please choose a photo or a PDF.")
    String err_file_type(String part);

    @Message("{part}: the file is too large. A file may have at most {limit}.")
    String err_file_too_large(String part, String limit);

    @Message("The files are too large together: a case may have at most {limit}.")
    String err_case_too_large(String limit);

    @Message("{part} is required. Please choose a file for it.")
    String err_missing_file(String part);

    @Message("{part}: the file is empty.")
    String err_empty_file(String part);

    @Message("{part}: the picture has too many pixels. Please send a smaller photo.")
    String err_image_too_large(String part);

    @Message("{part}: the PDF is password-protected. Please send it without a password.")
    String err_encrypted_pdf(String part);

    @Message("{part}: the file is damaged or incomplete. Please choose it again.")
    String err_unreadable_file(String part);

    @Message("The code is wrong or has expired, or this email cannot open a case.")
    String err_invalid_code();

    @Message("The text-message code is wrong or has expired.")
    String err_invalid_phone_code();

    @Message("Please fill in: {field}.")
    String err_missing_field(String field);

    @Message("Please check: {field}.")
    String err_invalid_field(String field);

    @Message("The new phone number must be in international format, such as +8613800000000.")
    String err_new_phone();

    @Message("The answers to your security questions do not match.")
    String err_invalid_answers();

    @Message("This account is not frozen: there is nothing to reactivate.")
    String err_account_not_frozen();

    @Message("A frozen account can ask for reactivation only 2 hours after the freeze. Please come back after {at}.")
    String err_too_early(String at);

    @Message("No reviewer has asked for more on this case.")
    String err_not_waiting();

    @Message("This case is already closed.")
    String err_case_closed();

    @Message("Another reviewer has claimed this case.")
    String err_claimed_by_another();

    @Message("The case already waits for the person.")
    String err_already_waiting();

    @Message("Wrong name or password.")
    String err_invalid_credentials();

    @Message("The file was deleted after the case closed.")
    String err_file_deleted();

    @Message("That did not work: {detail}")
    String err_other(String detail);
}
