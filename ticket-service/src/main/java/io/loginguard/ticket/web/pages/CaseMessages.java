package io.loginguard.ticket.web.pages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The person's pages: the case types, opening a case (the email and its codes, the documents), following it with its
 * access key and adding what a reviewer asked for: English here, Chinese in {@code messages/cases_zh.properties}.
 * Templates use {@code {cases:key}}.
 */
@MessageBundle(value = "cases", locale = "en")
public interface CaseMessages {
    @Message("Get help with your account")
    String types_title();

    @Message("Choose what happened. A reviewer checks every case by hand, with your ID document and a selfie.")
    String types_intro();

    @Message("Your account is locked or restricted and you cannot get in by yourself.")
    String intro_UNABLE_TO_LOG_IN();

    @Message("Your authenticator app or phone is lost. After approval the second factors are removed and you set up a new one. Withdrawals stay on hold for 7 days while we review.")
    String intro_TWO_FACTOR_RESET();

    @Message("Your account was frozen. You can ask for reactivation from 2 hours after the freeze, with codes to your email and registered phone and the answers to your security questions.")
    String intro_REACTIVATION();

    @Message("You no longer have the phone number on your account and want to register a new one.")
    String intro_PHONE_CHANGE();

    @Message("We asked you to confirm it is really you, for example after a login from a new country. A selfie is enough.")
    String intro_IDENTITY_REVERIFICATION();

    @Message("Follow a case you opened")
    String follow_link();

    @Message("Something else happened")
    String other_types();

    @Message("You will need")
    String you_will_need();

    @Message("access to the email address registered on your account")
    String need_email();

    @Message("your registered phone, if your account has one")
    String need_registered_phone();

    @Message("the new phone number, to receive a code")
    String need_new_phone();

    @Message("Email")
    String email();

    @Message("The address registered on your account. We send a 6-digit code to it (valid 30 minutes).")
    String email_hint();

    @Message("In international format, starting with + and the country code, for example +8613800000000.")
    String new_phone_hint();

    @Message("Send me a code")
    String send_code();

    @Message("If {email} can open a case, a code is on its way there. Enter it below with your documents.")
    String codes_intro(String email);

    @Message("Code from the email")
    String code();

    @Message("Code from the text message")
    String phone_code();

    @Message("Only if your account has a registered phone: we sent a code to it too.")
    String phone_code_if_any();

    @Message("The code we sent by text message to {newPhone}.")
    String phone_code_new(String newPhone);

    @Message("Continue")
    String continue_label();

    @Message("Start again with a new code")
    String code_again();

    @Message("required")
    String required();

    @Message("optional")
    String optional();

    @Message("For your safety the browser does not keep chosen files: please choose them again.")
    String files_again();

    @Message("JPEG, PNG or PDF; at most {perFile} a file and {perCase} for the whole case. Photos lose their metadata (location, camera) when stored.")
    String file_rules(String perFile, String perCase);

    @Message("What happened")
    String description();

    @Message("Open the case")
    String open_case();

    @Message("This file is too large.")
    String js_too_large();

    @Message("Only JPEG, PNG or PDF files are accepted.")
    String js_wrong_type();

    @Message("These files are too large together.")
    String js_total_too_large();

    @Message("Follow your case")
    String follow_title();

    @Message("Enter the case number and the case access key from the email we sent when the case was opened.")
    String follow_intro();

    @Message("Case access key")
    String case_key();

    @Message("It starts with lgc_. Anyone holding it can read your case: keep it to yourself.")
    String case_key_hint();

    @Message("See my case")
    String see_case();

    @Message("Open a new case")
    String open_another();

    @Message("Your case {id} was received. We emailed its access key to you: enter it below to follow the case.")
    String opened_notice(String id);

    @Message("This browser no longer remembers your case.")
    String forgot_notice();

    @Message("Thank you: what you sent is with the reviewer now.")
    String added_notice();

    @Message("The reviewer asked you for more")
    String add_title();

    @Message("The reviewer wrote to you. Send the files or the answer asked for.")
    String add_intro();

    @Message("Message")
    String message_label();

    @Message("Send")
    String send();

    @Message("You")
    String from_you();

    @Message("Forget this case on this browser")
    String forget_case();
}
