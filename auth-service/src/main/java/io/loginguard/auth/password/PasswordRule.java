package io.loginguard.auth.password;

import io.loginguard.auth.config.AuthConfig;
import io.loginguard.auth.web.ApiException;
import io.loginguard.auth.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The password rule as configured, loaded once (the common-password list is tens of thousands of strings): every
 * place a password is chosen (registration, reset, change, a sub-account) checks it here.
 */
@ApplicationScoped
public class PasswordRule {
    private final PasswordPolicy policy;

    public PasswordRule(AuthConfig config) {
        this.policy = new PasswordPolicy(config.password().minLength(), config.password().maxLength(),
                CommonPasswords.top(config.password().commonPasswords()));
    }

    /** Every rule the password breaks, in the policy's order; empty when it is acceptable. */
    public List<PasswordPolicy.Violation> check(String password, String identifier) {
        return policy.check(password, identifier);
    }

    /**
     * A 400 naming the field when the password breaks a rule: the first broken rule's code for machines, and every
     * rule broken, each with its code, in {@code errors[]}.
     */
    public void require(String password, String identifier, String field) {
        List<PasswordPolicy.Violation> broken = policy.check(password, identifier);
        if (!broken.isEmpty()) {
            throw new ApiException(Problem.invalid(broken.get(0).code(),
                    "the " + field + " " + String.join(", ", broken.stream().map(PasswordPolicy.Violation::message).toList()),
                    broken.stream().map(v -> new Problem.FieldError(field, v.message(), v.code())).toList()));
        }
    }
}
