package io.loginguard.auth.web.pages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The account's own settings: password, phone number, anti-phishing code, freeze: English here, Chinese in {@code messages/acct_zh.properties}. Templates
 * use {@code {acct:key}}.
 */
@MessageBundle(value = "acct", locale = "en")
public interface AccountMessages {
    @Message("Anti-phishing code")
    String antiphishing_title();

    @Message("Every genuine email from us shows this code at its top. An email without it, or with another one, is not from us: do not click its links.")
    String antiphishing_intro();

    @Message("Your code now: {code}")
    String antiphishing_current(String code);

    @Message("You have not set one yet.")
    String antiphishing_none();

    @Message("Code (4 to 20 letters or digits)")
    String antiphishing_label();

    @Message("Save the code")
    String antiphishing_submit();

    @Message("Your anti-phishing code is saved.")
    String antiphishing_saved();

    @Message("Change password")
    String password_title();

    @Message("When the password changes, every other device is signed out.")
    String password_intro();

    @Message("Current password")
    String current_password();

    @Message("Change the password")
    String password_submit();

    @Message("Your password is changed. Every other device is signed out.")
    String password_changed();

    @Message("Change phone number")
    String phone_title();

    @Message("Your number now: {phone}")
    String phone_current(String phone);

    @Message("Your account has no phone number yet.")
    String phone_none();

    @Message("New phone number (international form, like +4915112345678)")
    String phone_label();

    @Message("Send the codes")
    String phone_submit();

    @Message("Confirm the new number")
    String phone_confirm_title();

    @Message("We sent a code by SMS to the new number.")
    String phone_sent_new();

    @Message("We also sent a code to your current number: it proves the change comes from you.")
    String phone_sent_old();

    @Message("Code sent to the new number")
    String new_number_code();

    @Message("Code sent to your current number")
    String old_number_code();

    @Message("Change the number")
    String phone_confirm_submit();

    @Message("No longer have your current number? Open a phone change case with support.")
    String phone_lost();

    @Message("Your phone number is changed.")
    String phone_changed();

    @Message("Freeze account")
    String freeze_title();

    @Message("Freezing stops every login to this account at once and signs out every device. Do it if you think someone else has your password or your phone. To use the account again, you open a reactivation case with support and we check that it is you.")
    String freeze_intro();

    @Message("Continue")
    String freeze_continue();

    @Message("Freeze the account now?")
    String freeze_confirm_title();

    @Message("Prove it is you: your password, or a code from a second factor.")
    String freeze_confirm_intro();

    @Message("Or, instead of the password, a second factor")
    String freeze_or_code();

    @Message("Yes, freeze my account")
    String freeze_submit();

    @Message("Your account is frozen")
    String freeze_done_title();

    @Message("Every device is signed out and no one can log in. To use the account again, open a reactivation case with support.")
    String freeze_done_text();

    @Message("Security questions")
    String questions_title();

    @Message("If your account is ever frozen, support asks these questions before reactivating it. Choose 2 or 3 whose answers only you know. Answers are kept only as a one-way hash: nobody can read them.")
    String questions_intro();

    @Message("Your questions now:")
    String questions_current();

    @Message("You have no security questions yet.")
    String questions_none();

    @Message("Set or change the questions")
    String questions_form_title();

    @Message("Saving replaces all your questions and answers. In answers, capital letters, accents and extra spaces do not matter. The third question is optional.")
    String questions_form_intro();

    @Message("Question {n}")
    String question_label(int n);

    @Message("Answer {n}")
    String answer_label(int n);

    @Message("Your password, to prove it is you")
    String questions_password();

    @Message("Save the questions")
    String questions_submit();

    @Message("Your security questions are saved.")
    String questions_saved();

    @Message("Remove the questions")
    String questions_remove_title();

    @Message("Without questions, a reactivation case relies on your email, your phone and your identity documents alone.")
    String questions_remove_intro();

    @Message("Remove the questions")
    String questions_remove_submit();

    @Message("Your security questions are removed.")
    String questions_removed();
}
