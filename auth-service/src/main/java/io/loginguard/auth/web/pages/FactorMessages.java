package io.loginguard.auth.web.pages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Two-step verification: the authenticator app and its backup codes, codes by SMS or email, turning factors
 * off: English here, Chinese in {@code messages/factor_zh.properties}. Templates
 * use {@code {factor:key}}.
 */
@MessageBundle(value = "factor", locale = "en")
public interface FactorMessages {
    @Message("Set up an authenticator app")
    String totp_start();

    @Message("Set up the authenticator app")
    String totp_title();

    @Message("1. Scan this QR code with an authenticator app (Google Authenticator, Authy, 1Password ...).")
    String totp_step_scan();

    @Message("QR code for your authenticator app")
    String totp_qr_alt();

    @Message("2. Write down this key and keep it safe: it restores the app on a new phone.")
    String totp_step_key();

    @Message("3. Enter the 6-digit code the app shows now.")
    String totp_step_confirm();

    @Message("Turn it on")
    String totp_confirm();

    @Message("Your backup codes")
    String backup_title();

    @Message("The authenticator app is on. Each code below works once, when you have no phone. They are shown only now: write them down or print this page.")
    String backup_intro();

    @Message("I have saved them")
    String backup_done();

    @Message("Two-step verification")
    String twofactor_title();

    @Message("Authenticator app")
    String factor_totp();

    @Message("Codes by SMS")
    String factor_sms();

    @Message("Codes by email")
    String factor_email();

    @Message("On")
    String factor_on();

    @Message("Off")
    String factor_off();

    @Message("Codes go to {destination}.")
    String factor_to(String destination);

    @Message("Phone number (international form)")
    String sms_phone_label();

    @Message("Send a code to turn it on")
    String enable_submit();

    @Message("Enter the code")
    String factor_confirm_title();

    @Message("We sent a code. Enter it here to turn this on.")
    String factor_confirm_intro();

    @Message("Turn it on")
    String factor_confirm_submit();

    @Message("Turn off")
    String disable_submit();

    @Message("Turning a factor off, or making new backup codes, needs a code from the authenticator app or a backup code.")
    String proof_intro();

    @Message("Turning an SMS or email factor off needs a code from the authenticator app or a backup code, and this account has neither: contact support.")
    String proof_unavailable();

    @Message("It is on: your next login asks for a code.")
    String factor_turned_on();

    @Message("It is off.")
    String factor_turned_off();

    @Message("Backup codes")
    String backup_regen_title();

    @Message("A new set replaces the old one, which stops working at once.")
    String backup_regen_intro();

    @Message("Make new backup codes")
    String backup_regen_submit();

    @Message("Download as a text file")
    String backup_download();

    @Message("Loginguard backup codes for {who}. Each code works once.")
    String backup_file_header(String who);

    @Message("This is your only second factor, so it stays on: turn on another one first, then this one can be turned off.")
    String factor_last();
}
