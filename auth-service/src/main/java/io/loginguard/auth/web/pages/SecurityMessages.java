package io.loginguard.auth.web.pages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The security overview (devices and sessions, the links to each setting) and the login history: English here, Chinese in {@code messages/sec_zh.properties}. Templates
 * use {@code {sec:key}}.
 */
@MessageBundle(value = "sec", locale = "en")
public interface SecurityMessages {
    @Message("Security")
    String security_title();

    @Message("Signed in as {email}")
    String signed_in_as(String email);

    @Message("Sign out")
    String logout();

    @Message("Two-step verification")
    String twofa_title();

    @Message("Authenticator app (TOTP) is on.")
    String totp_on();

    @Message("Authenticator app (TOTP) is off. Turn it on so that a stolen password is not enough.")
    String totp_off();

    @Message("Devices and sessions")
    String sessions_title();

    @Message("At most 3 devices stay signed in; a new one signs out the earliest.")
    String sessions_intro();

    @Message("This device")
    String this_device();

    @Message("Device")
    String device();

    @Message("Where")
    String where();

    @Message("Signed in")
    String started();

    @Message("Last active")
    String last_seen();

    @Message("Sign out this session")
    String end_session();

    @Message("Sign out every other session")
    String end_others();

    @Message("Your account")
    String nav_title();

    @Message("Login history")
    String history_link();

    @Message("Two-step verification: app, SMS, email, backup codes")
    String twofactor_link();

    @Message("Change password")
    String password_link();

    @Message("Change phone number")
    String phone_link();

    @Message("Anti-phishing code")
    String antiphishing_link();

    @Message("Sub-accounts")
    String subaccounts_link();

    @Message("Freeze account")
    String freeze_link();

    @Message("Login history")
    String history_title();

    @Message("The last 100 login attempts on your account, newest first.")
    String history_intro();

    @Message("Was this you? If not, act now:")
    String was_this_you();

    @Message("freeze the account")
    String freeze_now();

    @Message("change the password")
    String change_password_now();

    @Message("No attempts yet.")
    String history_empty();

    @Message("Succeeded")
    String outcome_SUCCEEDED();

    @Message("Wrong password")
    String outcome_BAD_PASSWORD();

    @Message("Wrong code")
    String outcome_BAD_CODE();

    @Message("Unknown account")
    String outcome_UNKNOWN_ACCOUNT();

    @Message("Refused: locked")
    String outcome_REJECTED_LOCKED();

    @Message("Refused: too many attempts")
    String outcome_REJECTED_THROTTLED();

    @Message("Other")
    String outcome_UNKNOWN();

    @Message("password")
    String stage_PASSWORD();

    @Message("second step")
    String stage_SECOND_FACTOR();

    @Message("identity check")
    String stage_STEP_UP();

    @Message("Not me")
    String not_me();

    @Message("Security questions")
    String questions_link();
}
