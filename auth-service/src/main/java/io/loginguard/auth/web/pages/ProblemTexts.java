package io.loginguard.auth.web.pages;

import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The words a form shows beside itself for a problem the API answered: one per problem code, in the page's locale. */
final class ProblemTexts {
    private ProblemTexts() {
    }

    /**
     * The problem's words as template data beside the field it concerns ({@code <field>Error}): the field the API
     * names, else {@code field}. Password rules name each rule broken.
     */
    static Map<String, Object> beside(PageSupport.Req r, ApiException e, String field) {
        Map<String, Object> out = new HashMap<>();
        Problem p = e.problem();
        String at = field;
        if (p.errors() != null && !p.errors().isEmpty() && p.errors().get(0).field() != null
                && p.errors().get(0).field().matches("[A-Za-z]{1,40}")) {
            at = p.errors().get(0).field();
        }
        out.put(at + "Error", of(r, e));
        return out;
    }

    /** How long a too_frequent problem asks to wait, in whole seconds (a minute when it does not say). */
    static long retrySeconds(ApiException e) {
        String retry = e.toResponse().getHeaderString("Retry-After");
        try {
            return retry == null ? 60 : Long.parseLong(retry.trim());
        } catch (NumberFormatException ignored) {
            return 60;
        }
    }

    /** The words for a problem a form shows next to itself, in the request's locale. */
    static String of(PageSupport.Req r, ApiException e) {
        Problem p = e.problem();
        ErrorMessages m = r.err();
        String fields = p.errors() == null ? "" : p.errors().stream().map(Problem.FieldError::message)
                .collect(Collectors.joining("; "));
        String code = p.code();
        if (code.startsWith("password_")) {
            String rules = p.errors() == null ? "" : p.errors().stream()
                    .map(f -> passwordRule(r, f.code() == null ? code : f.code()))
                    .distinct().collect(Collectors.joining(r.msg().list_separator()));
            return m.err_password(rules.isEmpty() ? passwordRule(r, code) : rules);
        }
        return switch (code) {
            case "same_phone" -> m.err_same_phone();
            case "identifier_taken" -> m.err_identifier_taken();
            case "old_code_required" -> m.err_old_code_required();
            case "no_phone_change" -> m.err_no_phone_change();
            case "factor_enabled" -> m.err_factor_enabled();
            case "factor_not_enabled" -> m.err_factor_not_enabled();
            case "last_factor" -> m.err_last_factor();
            case "no_security_questions" -> m.err_no_security_questions();
            case "totp_enabled" -> m.err_totp_enabled();
            case "sub_account_not_allowed" -> m.err_sub_account_not_allowed();
            case "sub_account_limit" -> m.err_sub_account_limit();
            case "sub_account_not_found" -> m.err_sub_account_not_found();
            case "invalid_phone" -> m.err_invalid_phone();
            case "invalid_email" -> m.err_invalid_email();
            case "invalid_anti_phishing_code" -> m.err_invalid_anti_phishing_code();
            case "too_frequent" -> r.login().too_frequent_wait(retrySeconds(e) / 60, retrySeconds(e) % 60);
            case "invalid_credentials" -> m.err_invalid_credentials();
            case "invalid_code" -> m.err_invalid_code();
            case "code_expired" -> m.err_code_expired();
            case "identifier_required" -> m.err_identifier_required();
            case "invalid_field" -> {
                String field = p.errors() == null || p.errors().isEmpty() ? "" : p.errors().get(0).field();
                yield "phone".equals(field) ? m.err_invalid_phone() : "email".equals(field) ? m.err_invalid_email()
                        : m.err_invalid_field(fields.isEmpty() ? p.detail() : fields);
            }
            case "verification_required" -> m.err_verification_required();
            case "method_not_available" -> m.err_method_not_available();
            case "no_enrolment" -> m.err_no_enrolment();
            case "invalid_passkey" -> r.msg().passkeys_refused();
            default -> m.err_other(p.detail());
        };
    }

    /** The words of a password rule's code. */
    static String passwordRule(PageSupport.Req r, String code) {
        ErrorMessages m = r.err();
        return switch (code) {
            case "password_too_short" -> m.pw_too_short();
            case "password_too_long" -> m.pw_too_long();
            case "password_needs_upper_case" -> m.pw_needs_upper_case();
            case "password_needs_lower_case" -> m.pw_needs_lower_case();
            case "password_needs_digit" -> m.pw_needs_digit();
            case "password_too_common" -> m.pw_too_common();
            case "password_is_identifier", "password_contains_identifier" -> m.pw_identifier();
            case "password_length" -> r.login().rule_length();
            default -> code;
        };
    }
}
