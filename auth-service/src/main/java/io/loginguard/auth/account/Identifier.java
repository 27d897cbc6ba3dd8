package io.loginguard.auth.account;

import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a person names their account: an email address (compared case-insensitively, stored lower-case) or a phone
 * number in E.164 form ({@code +} and 7 to 15 digits, first not 0). Exactly one per request.
 */
public record Identifier(Kind kind, String value) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public enum Kind { EMAIL, PHONE }

    /** From a request's two optional fields; a 400 naming the fields unless exactly one is given and valid. */
    public static Identifier of(String email, String phone) {
        boolean hasEmail = email != null && !email.isBlank();
        boolean hasPhone = phone != null && !phone.isBlank();
        if (hasEmail == hasPhone) {
            throw new ApiException(Problem.invalid("identifier_required", "give either an email or a phone number",
                    List.of(new Problem.FieldError("email", "give either email or phone"),
                            new Problem.FieldError("phone", "give either email or phone"))));
        }
        if (hasEmail) {
            return new Identifier(Kind.EMAIL, Emails.normalize(email));
        }
        String normalized = phone.replaceAll("[\\s().-]", "");
        if (!E164.matcher(normalized).matches()) {
            throw new ApiException(Problem.invalid("invalid_field", "invalid value for: phone",
                    List.of(new Problem.FieldError("phone", "must be a phone number in E.164 form, like +4915112345678"))));
        }
        return new Identifier(Kind.PHONE, normalized);
    }

    public boolean isEmail() {
        return kind == Kind.EMAIL;
    }

    /** For logs: the identifier with most of it hidden. */
    public String masked() {
        return isEmail() ? Emails.mask(value) : value.substring(0, 3) + "***" + value.substring(value.length() - 2);
    }
}
