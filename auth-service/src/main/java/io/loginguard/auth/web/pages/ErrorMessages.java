package io.loginguard.auth.web.pages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What a form says beside a field when the API refused it: one message per problem code, and the password rule's
 * reasons: English here, Chinese in {@code messages/err_zh.properties}. Templates
 * use {@code {err:key}}.
 */
@MessageBundle(value = "err", locale = "en")
public interface ErrorMessages {
    @Message("The email or the password is wrong.")
    String err_invalid_credentials();

    @Message("The code is wrong or already used.")
    String err_invalid_code();

    @Message("This code has expired. Ask for a new one.")
    String err_code_expired();

    @Message("Enter an email address.")
    String err_identifier_required();

    @Message("Check the fields: {detail}")
    String err_invalid_field(String detail);

    @Message("The password does not follow the rule: {detail}")
    String err_password(String detail);

    @Message("Confirm your email first: enter the code we sent.")
    String err_verification_required();

    @Message("That method is not available for this account.")
    String err_method_not_available();

    @Message("Start again: the set-up expired.")
    String err_no_enrolment();

    @Message("Something went wrong: {detail}")
    String err_other(String detail);

    @Message("it must be at least 8 characters")
    String pw_too_short();

    @Message("it must be at most 128 characters")
    String pw_too_long();

    @Message("it needs an upper-case letter")
    String pw_needs_upper_case();

    @Message("it needs a lower-case letter")
    String pw_needs_lower_case();

    @Message("it needs a digit")
    String pw_needs_digit();

    @Message("it is one of the most common passwords")
    String pw_too_common();

    @Message("it must not contain your email or phone number")
    String pw_identifier();

    @Message("This is already your phone number.")
    String err_same_phone();

    @Message("This is already used by another account.")
    String err_identifier_taken();

    @Message("Enter the code sent to your current number too.")
    String err_old_code_required();

    @Message("Ask for codes first: no change is waiting, or it expired.")
    String err_no_phone_change();

    @Message("This is already on.")
    String err_factor_enabled();

    @Message("This is not on.")
    String err_factor_not_enabled();

    @Message("Your account must keep one second factor: turn on another before turning this one off.")
    String err_last_factor();

    @Message("The authenticator app is already on.")
    String err_totp_enabled();

    @Message("A sub-account cannot have sub-accounts.")
    String err_sub_account_not_allowed();

    @Message("You already have the most sub-accounts allowed.")
    String err_sub_account_limit();

    @Message("No such sub-account.")
    String err_sub_account_not_found();

    @Message("Enter the number in international form, like +4915112345678.")
    String err_invalid_phone();

    @Message("Enter a valid email address.")
    String err_invalid_email();

    @Message("Use 4 to 20 letters or digits, without spaces.")
    String err_invalid_anti_phishing_code();

    @Message("The current password is wrong.")
    String err_current_password_wrong();

    @Message("The password or the code is wrong.")
    String err_proof_wrong();

    @Message("Enter your password, or choose a second factor and enter its code.")
    String err_proof_missing();

    @Message("Write a question of 5 to 200 characters.")
    String err_question_length();

    @Message("This question is asked twice: write another one.")
    String err_question_repeated();

    @Message("Write an answer of 2 to 100 characters.")
    String err_answer_length();

    @Message("Give 2 or 3 questions, each with its answer.")
    String err_question_count();

    @Message("You have no security questions to remove.")
    String err_no_security_questions();

    @Message("Enter a whole number from 1 to {max}, or leave it empty for the default.")
    String err_policy_threshold(int max);

    @Message("Enter a whole number of minutes from 1 to 1440, or leave it empty for the default.")
    String err_policy_minutes();
}
