package io.loginguard.auth.web.pages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * A master's sub-accounts: English here, Chinese in {@code messages/sub_zh.properties}. Templates
 * use {@code {sub:key}}.
 */
@MessageBundle(value = "sub", locale = "en")
public interface SubAccountMessages {
    @Message("Sub-accounts")
    String sub_title();

    @Message("Sub-accounts log in on their own, with their own email and password, and follow your account's risk policy. You can freeze any of them.")
    String sub_intro();

    @Message("No sub-accounts yet.")
    String sub_none();

    @Message("Create a sub-account")
    String sub_create_title();

    @Message("Create the sub-account")
    String sub_create_submit();

    @Message("The sub-account {email} is created; it can log in now.")
    String sub_created(String email);

    @Message("Freeze")
    String sub_freeze();

    @Message("Freeze this sub-account?")
    String sub_freeze_title();

    @Message("{email} is signed out everywhere and cannot log in until support reactivates it.")
    String sub_freeze_text(String email);

    @Message("Yes, freeze it")
    String sub_freeze_submit();

    @Message("The sub-account {email} is frozen.")
    String sub_frozen(String email);

    @Message("This is a sub-account: it cannot have sub-accounts of its own.")
    String sub_not_master();

    @Message("Lockout policy for you and your sub-accounts")
    String sub_policy_link();

    @Message("Lockout policy")
    String sub_policy_title();

    @Message("Stricter numbers for your account and every sub-account: fewer wrong passwords before a lock, and a longer lock. Leave a field empty to keep the default.")
    String sub_policy_intro();

    @Message("The policy now")
    String sub_policy_now();

    @Message("Wrong passwords before the lock")
    String sub_policy_threshold();

    @Message("Lock duration (minutes)")
    String sub_policy_minutes();

    @Message("default ({n})")
    String sub_policy_default(int n);

    @Message("default")
    String sub_policy_default_lock();

    @Message("{n} min")
    String sub_policy_minutes_value(int n);

    @Message("1 to {max}")
    String sub_policy_threshold_hint(int max);

    @Message("1 to 1440 (24 hours); a lock shorter than the standard one does not shorten it")
    String sub_policy_minutes_hint();

    @Message("Save the policy")
    String sub_policy_submit();

    @Message("The lockout policy is saved. It reaches your sub-accounts within seconds.")
    String sub_policy_saved();

    @Message("This is a sub-account: it follows the lockout policy its master account sets.")
    String sub_policy_of_master();
}
