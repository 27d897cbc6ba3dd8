package io.loginguard.auth.web.pages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Getting in: log in, register and confirm the email, the second step, forgotten and reset passwords, and the
 * pages that refuse a login (too frequent, frozen, identity check, unavailable, an expired form): English here, Chinese in {@code messages/login_zh.properties}. Templates
 * use {@code {login:key}}.
 */
@MessageBundle(value = "login", locale = "en")
public interface LoginMessages {
    @Message("Log in")
    String login_title();

    @Message("Log in")
    String login_submit();

    @Message("Create an account")
    String register_link();

    @Message("Your email is confirmed. You can log in now.")
    String login_verified();

    @Message("That login step expired. Please log in again.")
    String login_expired();

    @Message("Your password is changed. Log in with the new one.")
    String login_reset_done();

    @Message("You are signed out.")
    String login_signed_out();

    @Message("Create an account")
    String register_title();

    @Message("Password rule")
    String rule_title();

    @Message("8 to 128 characters")
    String rule_length();

    @Message("an upper-case letter")
    String rule_upper();

    @Message("a lower-case letter")
    String rule_lower();

    @Message("a digit")
    String rule_digit();

    @Message("not a common password, and not your email")
    String rule_common();

    @Message("Create the account")
    String register_submit();

    @Message("Already have an account? Log in")
    String have_account();

    @Message("Confirm your email")
    String verify_title();

    @Message("If this address can be registered, we sent a 6-digit code to it. It is valid for 30 minutes.")
    String verify_intro();

    @Message("Confirm")
    String verify_submit();

    @Message("Send a new code")
    String verify_resend();

    @Message("If a registration is waiting for this address, a new code is on its way.")
    String verify_resent();

    @Message("Second step")
    String second_title();

    @Message("Your account has a second factor. Enter a code from one of these:")
    String second_intro();

    @Message("Continue")
    String second_submit();

    @Message("Operations too frequent")
    String too_frequent_title();

    @Message("For your safety, this is paused for a while. Try again in {minutes} min {seconds} s.")
    String too_frequent_wait(long minutes, long seconds);

    @Message("If you did not make these attempts, reset your password once you can log in.")
    String too_frequent_hint();

    @Message("Account frozen")
    String frozen_title();

    @Message("This account is frozen, so it cannot log in. To use it again, open a reactivation case with support: we check that it is you and unfreeze it.")
    String frozen_text();

    @Message("Identity verification required")
    String step_up_title();

    @Message("This login looks unusual (for example from a new country), so we need to check that it is you before letting it in. Please open an identity verification case with support, or log in again from a device and place you have used before.")
    String step_up_text();

    @Message("Temporarily unavailable")
    String unavailable_title();

    @Message("Security checks are not answering right now. Nothing was changed. Please try again in a minute.")
    String unavailable_text();

    @Message("This form expired")
    String csrf_title();

    @Message("The form could not be checked (it may be old, or from another site). Please go back, reload the page and try again.")
    String csrf_text();

    @Message("Forgot password")
    String forgot_title();

    @Message("Enter the email of your account. We will send a link to set a new password; it is valid for one hour.")
    String forgot_intro();

    @Message("Send the link")
    String forgot_submit();

    @Message("If this email belongs to an account, a link is on its way. Check your inbox.")
    String forgot_sent();

    @Message("Set a new password")
    String reset_title();

    @Message("Your account has a second factor: enter a code from it too.")
    String reset_second_factor();

    @Message("Send me a code ({method})")
    String reset_send_code(String method);

    @Message("Set the password")
    String reset_submit();

    @Message("This link is not valid: it may have been used already or expired. Ask for a new one.")
    String reset_invalid();

    @Message("Open a reactivation case")
    String open_reactivation_case();

    @Message("Verify my identity with support")
    String open_identity_case();

    @Message("Security verification unavailable?")
    String open_two_factor_case();

    @Message("Lost your phone and your backup codes? Open a case with support to reset your second factor.")
    String two_factor_case_hint();
}
