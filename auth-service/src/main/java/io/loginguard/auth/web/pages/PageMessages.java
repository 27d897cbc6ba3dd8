package io.loginguard.auth.web.pages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The pages' common words (language switch, form fields, the second step's methods, statuses, links back)
 * and the passkey pages' words: English here, Chinese in {@code messages/msg_zh.properties}. Templates use
 * {@code {msg:key}}; the locale of a page comes from its {@code lg_lang} cookie, else Accept-Language. The other
 * bundles are split by purpose, each with its own namespace and file: {@link LoginMessages} ({@code login}),
 * {@link ErrorMessages} ({@code err}), {@link SecurityMessages} ({@code sec}), {@link AccountMessages}
 * ({@code acct}), {@link FactorMessages} ({@code factor}), {@link SubAccountMessages} ({@code sub}).
 */
@MessageBundle(value = "msg", locale = "en")
public interface PageMessages {
    @Message("English")
    String lang_name();

    @Message("中文")
    String other_lang_name();

    @Message("Skip to the form")
    String skip();

    @Message("Email")
    String email();

    @Message("Email or phone number")
    String email_or_phone();

    @Message("A phone number in international form, e.g. +8613812345678")
    String email_or_phone_hint();

    @Message("Password")
    String password();

    @Message("Forgot your password?")
    String forgot_link();

    @Message("Code")
    String code();

    @Message("Authenticator app (TOTP)")
    String method_TOTP();

    @Message("Code by SMS")
    String method_SMS_CODE();

    @Message("Code by email")
    String method_EMAIL_CODE();

    @Message("Backup code")
    String method_BACKUP_CODE();

    @Message("Send me a code")
    String send_code();

    @Message("A code is on its way.")
    String code_sent();

    @Message("Back to log in")
    String back_to_login();

    @Message("New password")
    String new_password();

    @Message("Second factor")
    String factor_method();

    @Message("; ")
    String list_separator();

    @Message("That did not work")
    String error_title();

    @Message("Back to security settings")
    String back_to_security();

    @Message("Send again in %s s")
    String resend_wait();

    @Message("A code was sent a moment ago. You can ask for another in {seconds} s.")
    String code_wait(long seconds);

    @Message("When")
    String col_when();

    @Message("Result")
    String col_result();

    @Message("Method")
    String col_method();

    @Message("Cancel")
    String cancel();

    @Message("Waiting for confirmation")
    String status_PENDING();

    @Message("Active")
    String status_ACTIVE();

    @Message("Frozen")
    String status_FROZEN();

    @Message("Status")
    String col_status();

    @Message("Created")
    String col_created();

    @Message("Passkeys")
    String passkeys_link();

    @Message("Passkeys")
    String passkeys_title();

    @Message("A passkey signs you in with this device's screen lock or a security key instead of a code. It never leaves the device.")
    String passkeys_intro();

    @Message("Your passkeys")
    String passkeys_list_title();

    @Message("No passkeys yet.")
    String passkeys_none();

    @Message("Last used")
    String passkeys_last_used();

    @Message("Never")
    String passkeys_never();

    @Message("Remove")
    String passkeys_remove();

    @Message("Add a passkey")
    String passkeys_add_title();

    @Message("Name (for example, the device)")
    String passkeys_name();

    @Message("Add a passkey")
    String passkeys_add();

    @Message("The passkey was not added. Please try again.")
    String passkeys_failed();

    @Message("This browser cannot create passkeys.")
    String passkeys_unsupported();

    @Message("The passkey is added.")
    String passkeys_added();

    @Message("The passkey is removed.")
    String passkeys_removed();

    @Message("Sign in with a passkey")
    String passkeys_sign_in();

    @Message("Use a passkey")
    String passkeys_use();

    @Message("The passkey was not accepted. Please try again.")
    String passkeys_refused();

    // ---- passkeys: removal with a proof (kept together at the end)

    @Message("To remove a passkey, confirm it is you: with a passkey, or with a code from your authenticator app or a backup code.")
    String passkeys_remove_hint();

    @Message("To remove a passkey, confirm it is you with a passkey.")
    String passkeys_remove_hint_passkey();

    @Message("With a passkey")
    String passkeys_proof_passkey();

    @Message("Code (not needed with a passkey)")
    String passkeys_proof_code();
}
