package io.loginguard.auth.web.pages;

import io.loginguard.auth.login.ChallengeStore;
import io.loginguard.events.LoginAttempted;
import java.util.List;
import java.util.Map;

/**
 * A second-factor method as the page shows it: {@code channel} when a code can be sent for it, {@code resendIn}
 * the seconds before another code may be asked for (the button counts them down), {@code error} beside its code.
 */
@io.quarkus.qute.TemplateData
public record MethodOption(String name, String label, String channel, long resendIn, String error) {

    public MethodOption(String name, String label, String channel) {
        this(name, label, channel, 0, null);
    }

    /** The second-factor page's data: the challenge's methods, and a notice or an error. */
    static Map<String, Object> pageData(PageSupport.Req r, ChallengeStore.Challenge c, String notice, String error) {
        return pageData(r, c, notice, error, null, null, 0);
    }

    /**
     * The same, with an error beside one method's code ({@code errorMethod}) and the countdown of a channel a code
     * was just sent to ({@code waitChannel}, {@code wait} seconds).
     */
    static Map<String, Object> pageData(PageSupport.Req r, ChallengeStore.Challenge c, String notice, String error,
                                        String errorMethod, String waitChannel, long wait) {
        List<MethodOption> methods = options(r.msg(), c.methods(), errorMethod, error, waitChannel, wait);
        boolean beside = errorMethod != null && methods.stream().anyMatch(o -> o.error() != null);
        return PageData.form("methods", methods, "notice", notice, "error", beside ? null : error,
                "twoFactorCaseUrl", r.twoFactorCaseUrl());
    }

    /**
     * The methods as a page lists them: each with its label, its channel when a code can be sent for it, the
     * countdown of {@code waitChannel} ({@code wait} seconds), and {@code error} beside {@code errorMethod}.
     */
    static List<MethodOption> options(PageMessages m, List<LoginAttempted.Method> methods, String errorMethod,
                                      String error, String waitChannel, long wait) {
        return methods.stream().map(x -> {
            String channel = x == LoginAttempted.Method.SMS_CODE ? "SMS" : x == LoginAttempted.Method.EMAIL_CODE ? "EMAIL" : null;
            String label = switch (x) {
                case TOTP -> m.method_TOTP();
                case SMS_CODE -> m.method_SMS_CODE();
                case EMAIL_CODE -> m.method_EMAIL_CODE();
                case BACKUP_CODE -> m.method_BACKUP_CODE();
                case PASSKEY -> m.passkeys_title();
                default -> x.name();
            };
            return new MethodOption(x.name(), label, channel,
                    channel != null && channel.equals(waitChannel) ? wait : 0,
                    x.name().equals(errorMethod) ? error : null);
        }).toList();
    }
}
